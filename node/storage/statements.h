#pragma once

// Statement text derived from a list of columns, for tables whose columns are named once
// (an entity's field table, or a repository's column list) instead of in every statement.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mams::storage {

/// "a, b, c".
std::string ColumnList(const std::vector<std::string>& columns);
/// "SELECT a, b, c FROM table": a row of it reads the columns in the order given.
std::string SelectSql(std::string_view table, const std::vector<std::string>& columns);
/// "INSERT INTO table (a, b) VALUES (?, ?)": binds the values in the order given.
std::string InsertSql(std::string_view table, const std::vector<std::string>& columns);

/// A table's columns, named once, and the statements that write or read all of them (built
/// once). Immutable; thread-safe to share (declare one as a function-local static).
class TableColumns {
 public:
  TableColumns(std::string_view table, std::vector<std::string> columns)
      : columns_(std::move(columns)),
        insert_sql_(storage::InsertSql(table, columns_)),
        select_sql_(storage::SelectSql(table, columns_)) {}

  const std::vector<std::string>& columns() const { return columns_; }
  /// Binds every column, in order.
  const std::string& InsertSql() const { return insert_sql_; }
  /// Reads every column, in order; a WHERE clause may follow.
  const std::string& SelectSql() const { return select_sql_; }

 private:
  std::vector<std::string> columns_;
  std::string insert_sql_;
  std::string select_sql_;
};

}  // namespace mams::storage
