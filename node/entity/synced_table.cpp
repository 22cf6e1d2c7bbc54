#include "node/entity/synced_table.h"

#include "node/entity/entity_shape.h"
#include "node/storage/storage.h"

namespace mams::entity {
namespace {

std::string Assignments(const std::vector<std::string>& columns) {
  std::string list;
  for (const auto& column : columns) {
    list += ", " + column + " = ?";
  }
  return list;
}

}  // namespace

std::int64_t SyncedStatement::Run(storage::Session& session, storage::SqlParams values) const {
  return session.Execute(sql_, storage::Stamped(session, std::move(values)));
}

SyncedStatement SyncedTable::Insert(const std::vector<std::string>& columns) const {
  std::string names;
  std::string marks;
  for (const auto& column : columns) {
    names += column + ", ";
    marks += "?, ";
  }
  return SyncedStatement("INSERT INTO " + table_ + " (version, version_node, base_version, " +
                         names + "deleted) VALUES (?, ?, 0, " + marks + "0)");
}

SyncedStatement SyncedTable::InsertAll(const EntityShape& shape,
                                       const std::vector<std::string>& extra) const {
  std::vector<std::string> columns = shape.WrittenColumns();
  columns.insert(columns.end(), extra.begin(), extra.end());
  return Insert(columns);
}

SyncedStatement SyncedTable::Update(const std::vector<std::string>& columns,
                                    std::string_view where) const {
  return SyncedStatement("UPDATE " + table_ +
                         " SET base_version = version, version = ?, version_node = ?" +
                         Assignments(columns) + " WHERE " + std::string(where));
}

SyncedStatement SyncedTable::Tombstone(const std::vector<std::string>& columns,
                                       std::string_view where) const {
  return SyncedStatement("UPDATE " + table_ +
                         " SET base_version = version, version = ?, version_node = ?, deleted = 1" +
                         Assignments(columns) + " WHERE " + std::string(where));
}

}  // namespace mams::entity
