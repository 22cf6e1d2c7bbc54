#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mams::auth {
class DataScope;
}
namespace mams::storage {
class Session;
}

namespace mams::sync {

class SyncCatalog;

/// What a node holds of one sync table for a subtree: the row count and a SHA-256 over
/// (id, version, version node, deleted) of every row in id order. A version names one
/// content of a row wherever it is stored (docs/sync-protocol.md §2), so two nodes with the
/// same digest for a subtree hold the same rows with the same contents.
struct TableChecksum {
  std::string table;
  std::int64_t rows = 0;
  std::string sha256;  ///< lower-case hex
};

/// Checksums of every sync table as they concern `scope`: the rows of up tables whose org
/// is in the scope, and every row of the reference tables (which go to every subtree). Reads
/// in pages of ids, so memory stays small for a million rows.
std::vector<TableChecksum> SubtreeChecksums(storage::Session& session, const SyncCatalog& catalog,
                                            const auth::DataScope& scope);

/// One digest over the tables' digests, for comparing whole subtrees at a glance.
std::string CombinedChecksum(const std::vector<TableChecksum>& tables);

}  // namespace mams::sync
