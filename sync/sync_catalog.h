#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "node/module/module.h"

namespace mams::storage {
class Storage;
}

namespace mams::sync {

/// A declared sync table with the columns it has in this node's database.
struct SyncTable {
  std::string name;
  module::SyncDirection direction = module::SyncDirection::kUp;
  std::vector<std::string> columns;
  /// The FROM clause of a scan in id order through the primary key ("customers INDEXED BY
  /// …" / "customers FORCE INDEX (PRIMARY)"): pages of loads and checksums filter by org
  /// and go by id, and a planner that picks an org index instead sorts the whole table for
  /// every page.
  std::string by_id;

  /// Where the columns a change's envelope repeats (§4) are in `columns`, found at Load.
  struct Envelope {
    std::size_t id = 0, org_code = 0, version = 0, version_node = 0, base_version = 0, deleted = 0;
  } envelope;

  static constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

  bool HasColumn(std::string_view column) const;
  /// The column's place in `columns`, or kNoColumn when the table lacks it. `hint` is where
  /// it is looked for first: images list the columns in the table's order.
  std::size_t Ordinal(std::string_view column, std::size_t hint = 0) const;
};

/// Every sync table of the loaded modules. Names and columns come from the modules and the
/// schema, never from messages: a received change names a table and columns, and only those
/// found here are ever written. Immutable after Load; thread-safe.
class SyncCatalog {
 public:
  /// Reads each table's columns; throws StartupError naming a declared table that is missing
  /// or lacks a sync column (docs/sync-protocol.md §1).
  static SyncCatalog Load(storage::Storage& storage,
                          const std::vector<module::SyncTableDecl>& decls);

  const SyncTable* Find(std::string_view name) const;
  /// The reference tables first, then the up tables, each in module order.
  const std::vector<SyncTable>& tables() const { return tables_; }
  std::vector<std::string> Names() const;

 private:
  std::vector<SyncTable> tables_;
};

}  // namespace mams::sync
