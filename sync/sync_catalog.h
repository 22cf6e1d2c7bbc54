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

  bool HasColumn(std::string_view column) const;
  /// The catalog's own copy of the column's name, or nullptr when the table lacks it.
  const std::string* Column(std::string_view column) const;
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
