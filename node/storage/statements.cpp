#include "node/storage/statements.h"

namespace mams::storage {

std::string ColumnList(const std::vector<std::string>& columns) {
  std::string list;
  for (const auto& column : columns) {
    list += (list.empty() ? "" : ", ") + column;
  }
  return list;
}

std::string SelectSql(std::string_view table, const std::vector<std::string>& columns) {
  return "SELECT " + ColumnList(columns) + " FROM " + std::string(table);
}

std::string InsertSql(std::string_view table, const std::vector<std::string>& columns) {
  std::string marks;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    marks += i == 0 ? "?" : ", ?";
  }
  return "INSERT INTO " + std::string(table) + " (" + ColumnList(columns) + ") VALUES (" + marks +
         ")";
}

}  // namespace mams::storage
