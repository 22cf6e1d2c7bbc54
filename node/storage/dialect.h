#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mams::storage {

enum class Backend { kSqlite, kMysql };

/// The few places where SQLite and MySQL/MariaDB SQL differ. Everything else is written once
/// in portable SQL with `?` placeholders. Identifiers passed here are constants from the
/// code, never user input.
class Dialect {
 public:
  explicit Dialect(Backend backend) : backend_(backend) {}

  Backend backend() const { return backend_; }
  std::string_view name() const { return backend_ == Backend::kSqlite ? "sqlite" : "mysql"; }

  /// Appended to CREATE TABLE: InnoDB, utf8mb4 and a binary collation on MySQL so that
  /// comparisons and uniqueness behave as on SQLite.
  std::string TableOptions() const;

  /// Type of a text column that may exceed 64 KiB (MySQL's TEXT limit): LONGTEXT on MySQL,
  /// TEXT on SQLite (whose TEXT has no such limit).
  std::string_view LongTextType() const {
    return backend_ == Backend::kMysql ? "LONGTEXT" : "TEXT";
  }

  /// Column definition of an auto-increment 64-bit primary key named `column`.
  std::string AutoIdColumn(std::string_view column) const;

  /// Statement that starts a write transaction. SQLite takes the write lock up front
  /// (BEGIN IMMEDIATE) so that two writers never deadlock on lock upgrade.
  std::string BeginTransaction() const;

  /// INSERT that updates `update_columns` when a row with the same key exists.
  std::string Upsert(std::string_view table, const std::vector<std::string_view>& columns,
                     const std::vector<std::string_view>& key_columns) const;

  /// DROP INDEX `index` of `table` (MySQL names the table, SQLite must not).
  std::string DropIndex(std::string_view index, std::string_view table) const;

  /// Statement that refreshes the planner's statistics of `table`, or empty where the
  /// engine keeps them itself (InnoDB's persistent statistics). SQLite has none until
  /// ANALYZE runs, and without them picks poor indexes for list filters (bench/RESULTS.md);
  /// connections sample at most `analysis_limit` rows per index, so it stays quick.
  std::string RefreshStatistics(std::string_view table) const;

  /// INSERT that silently keeps the existing row when the key exists.
  std::string InsertIgnore(std::string_view table,
                           const std::vector<std::string_view>& columns) const;

 private:
  Backend backend_;
};

/// "?, ?, ?" for `count` values: an IN list or a VALUES row.
std::string Placeholders(std::size_t count);

}  // namespace mams::storage
