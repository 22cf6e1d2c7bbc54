#pragma once

#include <cstdint>
#include <string>

namespace mams::backup {

/// Copies a SQLite database page by page with SQLite's online backup API, under one read
/// transaction of the source: a consistent snapshot even while a node writes to it (WAL
/// readers do not block writers). `to` must not exist. Throws StartupError.
void CopySqliteDatabase(const std::string& from, const std::string& to);

/// Runs PRAGMA integrity_check; throws StartupError with SQLite's first complaint.
void CheckSqliteIntegrity(const std::string& path);

/// Number of tables in the database at `path`; 0 when the file does not exist.
int SqliteTableCount(const std::string& path);

/// The first column of the first row of `sql` (a constant query) run read-only on the
/// database at `path`; 0 when there is no row. Opens the file as it is: no WAL set-up, no
/// pool, nothing written.
std::int64_t SqliteReadInt(const std::string& path, const char* sql);

}  // namespace mams::backup
