#include "sync/sync_catalog.h"

#include <algorithm>

#include "node/common/errors.h"
#include "node/storage/storage.h"

namespace mams::sync {
namespace {

constexpr const char* kSyncColumns[] = {"id",           "org_code",     "owner_node", "version",
                                        "version_node", "base_version", "updated_at", "deleted"};

// See SyncTable::by_id. Index names come from the database itself.
std::string KeyOrderedFrom(storage::Session& session, const std::string& table) {
  if (session.dialect().backend() == storage::Backend::kMysql) {
    return table + " FORCE INDEX (PRIMARY)";
  }
  const auto index =
      session.Query("SELECT name FROM pragma_index_list(?) WHERE origin = 'pk'", {table});
  return index.empty() ? table : table + " INDEXED BY " + index[0].Text(0);
}

}  // namespace

bool SyncTable::HasColumn(std::string_view column) const { return Ordinal(column) != kNoColumn; }

std::size_t SyncTable::Ordinal(std::string_view column, std::size_t hint) const {
  if (hint < columns.size() && columns[hint] == column) {
    return hint;
  }
  const auto found = std::find(columns.begin(), columns.end(), column);
  return found == columns.end() ? kNoColumn : static_cast<std::size_t>(found - columns.begin());
}

SyncCatalog SyncCatalog::Load(storage::Storage& storage,
                              const std::vector<module::SyncTableDecl>& decls) {
  SyncCatalog catalog;
  auto session = storage.Open();
  for (const auto& decl : decls) {
    SyncTable table;
    table.name = decl.table;
    table.direction = decl.direction;
    try {
      // The table name comes from a module declaration, not from input.
      table.columns = session->Query("SELECT * FROM " + decl.table + " WHERE 1 = 0").columns();
    } catch (const storage::StorageError& e) {
      throw StartupError("sync: table " + decl.table +
                         " is declared for sync but cannot be read: " + e.what());
    }
    for (const char* column : kSyncColumns) {
      if (!table.HasColumn(column)) {
        throw StartupError("sync: table " + decl.table + " is declared for sync but has no " +
                           column + " column (docs/sync-protocol.md §1)");
      }
    }
    table.envelope = {table.Ordinal("id"),           table.Ordinal("org_code"),
                      table.Ordinal("version"),      table.Ordinal("version_node"),
                      table.Ordinal("base_version"), table.Ordinal("deleted")};
    table.by_id = KeyOrderedFrom(*session, decl.table);
    catalog.tables_.push_back(std::move(table));
  }
  // Reference data first: an initial load sends tables in this order (§9).
  std::stable_partition(catalog.tables_.begin(), catalog.tables_.end(), [](const SyncTable& t) {
    return t.direction == module::SyncDirection::kReference;
  });
  return catalog;
}

const SyncTable* SyncCatalog::Find(std::string_view name) const {
  for (const auto& table : tables_) {
    if (table.name == name) {
      return &table;
    }
  }
  return nullptr;
}

std::vector<std::string> SyncCatalog::Names() const {
  std::vector<std::string> names;
  for (const auto& table : tables_) {
    names.push_back(table.name);
  }
  return names;
}

}  // namespace mams::sync
