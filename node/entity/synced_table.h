#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "node/storage/result_set.h"

namespace mams::storage {
class Session;
}

namespace mams::entity {

class EntityShape;

/// A write statement to a sync table whose text carries the row-version stamp; built once
/// (a constant of its repository, so the statement cache finds it by its text) and run
/// with only the caller's values: Run() puts the transaction's WriteVersion() and
/// WriteNode() in front of them.
class SyncedStatement {
 public:
  explicit SyncedStatement(std::string sql) : sql_(std::move(sql)) {}
  const std::string& sql() const { return sql_; }
  /// Runs inside the caller's transaction; returns the rows affected.
  std::int64_t Run(storage::Session& session, storage::SqlParams values) const;

 private:
  std::string sql_;
};

/// Builds the write statements of one sync table so that no repository spells the stamp
/// (docs/sync-protocol.md §3): an insert starts its columns with "version, version_node,
/// base_version" and its values with "?, ?, 0"; an update starts its SET with
/// "base_version = version, version = ?, version_node = ?". Session::Execute refuses a
/// write to a captured table without them.
class SyncedTable {
 public:
  explicit SyncedTable(std::string table) : table_(std::move(table)) {}
  const std::string& table() const { return table_; }

  /// INSERT of `columns` (then `deleted` = 0): values are the columns' in that order.
  SyncedStatement Insert(const std::vector<std::string>& columns) const;
  /// INSERT of an entity's WrittenColumns() and then `extra` (e.g. owner_node).
  SyncedStatement InsertAll(const EntityShape& shape, const std::vector<std::string>& extra) const;
  /// UPDATE setting `columns` WHERE `where` (SQL with `?`): values are the set columns'
  /// then the condition's.
  SyncedStatement Update(const std::vector<std::string>& columns, std::string_view where) const;
  /// UPDATE that tombstones the rows WHERE `where`, setting `columns` too (updated_at).
  SyncedStatement Tombstone(const std::vector<std::string>& columns, std::string_view where) const;

 private:
  std::string table_;
};

}  // namespace mams::entity
