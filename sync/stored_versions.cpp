#include "sync/stored_versions.h"

#include <map>

#include "node/storage/storage.h"
#include "sync/sync_catalog.h"

namespace mams::sync {
namespace {

/// Ids a query asks for: one statement text per table (short chunks repeat an id), so each
/// is compiled once and cached.
constexpr std::size_t kIdsPerQuery = 64;

std::string LookupSql(const std::string& table) {
  // The table name is the catalog's, never a message's.
  std::string sql =
      "SELECT id, version, version_node, base_version FROM " + table + " WHERE id IN (";
  for (std::size_t i = 0; i < kIdsPerQuery; ++i) {
    sql += i == 0 ? "?" : ", ?";
  }
  return sql + ")";
}

}  // namespace

StoredVersions::StoredVersions(storage::Session& session, const SyncCatalog& catalog,
                               const std::vector<Change>& changes) {
  std::map<const SyncTable*, std::vector<const std::string*>> ids;
  for (const Change& change : changes) {
    if (const SyncTable* table = catalog.Find(change.table)) {
      ids[table].push_back(&change.row_id);
    }
  }
  rows_.reserve(changes.size());
  for (const auto& [table, table_ids] : ids) {
    Read(session, table->name, table_ids);
  }
}

void StoredVersions::Read(storage::Session& session, const std::string& table,
                          const std::vector<const std::string*>& ids) {
  const std::string sql = LookupSql(table);
  for (std::size_t begin = 0; begin < ids.size(); begin += kIdsPerQuery) {
    storage::SqlParams params;
    params.reserve(kIdsPerQuery);
    for (std::size_t i = 0; i < kIdsPerQuery; ++i) {
      params.emplace_back(*ids[begin + i < ids.size() ? begin + i : begin]);
    }
    const storage::ResultSet found = session.Query(sql, params);
    for (std::size_t row = 0; row < found.size(); ++row) {
      rows_[Key(table, found[row].Text(0))] =
          Stored{{found[row].Int(1), found[row].Text(2)}, found[row].Int(3)};
    }
  }
}

const StoredVersions::Stored* StoredVersions::Find(const std::string& table,
                                                   const std::string& id) const {
  const auto found = rows_.find(Key(table, id));
  return found == rows_.end() ? nullptr : &found->second;
}

void StoredVersions::Wrote(const Change& change) {
  rows_[Key(change.table, change.row_id)] =
      Stored{{change.version, change.version_node}, change.base_version};
}

void StoredVersions::Reread(storage::Session& session, const std::string& table,
                            const std::string& id) {
  rows_.erase(Key(table, id));
  Read(session, table, {&id});
}

std::string StoredVersions::Key(const std::string& table, const std::string& id) {
  std::string key;
  key.reserve(table.size() + 1 + id.size());
  key.append(table).append(1, '\n').append(id);
  return key;
}

}  // namespace mams::sync
