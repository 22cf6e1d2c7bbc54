#pragma once

namespace mams::storage {

/// Gives SQLite an allocator that keeps freed small blocks per thread for the next
/// allocation. SQLite normally serves most small allocations from each connection's
/// "lookaside" memory, but Debian builds it without (SQLITE_OMIT_LOOKASIDE), so every text
/// value of every row read was a malloc and a free: 21 pairs per get by id, a twentieth of
/// its instructions (bench/RESULTS.md). Must run before SQLite initialises; returns false
/// (and changes nothing) when SQLite refused it.
bool InstallSqliteMemory();

}  // namespace mams::storage
