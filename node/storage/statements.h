#pragma once

// Statement text derived from a list of columns, for tables whose columns are named once
// (an entity's field table, or a repository's column list) instead of in every statement.
#include <string>
#include <string_view>
#include <vector>

namespace mams::storage {

/// "a, b, c".
std::string ColumnList(const std::vector<std::string>& columns);
/// "SELECT a, b, c FROM table": a row of it reads the columns in the order given.
std::string SelectSql(std::string_view table, const std::vector<std::string>& columns);
/// "INSERT INTO table (a, b) VALUES (?, ?)": binds the values in the order given.
std::string InsertSql(std::string_view table, const std::vector<std::string>& columns);

}  // namespace mams::storage
