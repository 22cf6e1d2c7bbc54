#include "node/storage/dialect.h"

#include <algorithm>

namespace mams::storage {
namespace {

std::string Join(const std::vector<std::string_view>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += separator;
    }
    out += items[i];
  }
  return out;
}

}  // namespace

std::string Placeholders(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    out += i == 0 ? "?" : ", ?";
  }
  return out;
}

std::string Dialect::TableOptions() const {
  if (backend_ == Backend::kMysql) {
    return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
  }
  return "";
}

std::string Dialect::AutoIdColumn(std::string_view column) const {
  if (backend_ == Backend::kMysql) {
    return std::string(column) + " BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY";
  }
  return std::string(column) + " INTEGER PRIMARY KEY AUTOINCREMENT";
}

std::string Dialect::DropIndex(std::string_view index, std::string_view table) const {
  std::string sql = "DROP INDEX " + std::string(index);
  return backend_ == Backend::kMysql ? sql + " ON " + std::string(table) : sql;
}

std::string Dialect::RefreshStatistics(std::string_view table) const {
  return backend_ == Backend::kSqlite ? "ANALYZE " + std::string(table) : std::string();
}

std::string Dialect::BeginTransaction() const {
  return backend_ == Backend::kSqlite ? "BEGIN IMMEDIATE" : "START TRANSACTION";
}

std::string Dialect::Upsert(std::string_view table, const std::vector<std::string_view>& columns,
                            const std::vector<std::string_view>& key_columns) const {
  std::string sql = "INSERT INTO " + std::string(table) + " (" + Join(columns, ", ") +
                    ") VALUES (" + Placeholders(columns.size()) + ")";
  std::vector<std::string> assignments;
  for (const auto column : columns) {
    if (std::find(key_columns.begin(), key_columns.end(), column) != key_columns.end()) {
      continue;
    }
    const std::string name(column);
    assignments.push_back(backend_ == Backend::kSqlite ? name + " = excluded." + name
                                                       : name + " = VALUES(" + name + ")");
  }
  std::string set;
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    set += (i == 0 ? "" : ", ") + assignments[i];
  }
  if (backend_ == Backend::kSqlite) {
    sql += " ON CONFLICT (" + Join(key_columns, ", ") + ")";
    sql += set.empty() ? " DO NOTHING" : " DO UPDATE SET " + set;
  } else {
    const std::string first_key(key_columns.empty() ? columns.front() : key_columns.front());
    sql += " ON DUPLICATE KEY UPDATE " + (set.empty() ? first_key + " = " + first_key : set);
  }
  return sql;
}

std::string Dialect::InsertIgnore(std::string_view table,
                                  const std::vector<std::string_view>& columns) const {
  const std::string verb = backend_ == Backend::kSqlite ? "INSERT OR IGNORE" : "INSERT IGNORE";
  return verb + " INTO " + std::string(table) + " (" + Join(columns, ", ") + ") VALUES (" +
         Placeholders(columns.size()) + ")";
}

}  // namespace mams::storage
