#include "node/storage/result_set.h"

#include <cstdlib>
#include <utility>

#include "node/storage/storage_error.h"

namespace mams::storage {

const SqlValue& Row::Value(std::size_t column) const {
  const auto& values = set_->values(index_);
  if (column >= values.size()) {
    throw StorageError(StorageErrorKind::kUsage,
                       "column index " + std::to_string(column) + " out of range");
  }
  return values[column];
}

bool Row::IsNull(std::size_t column) const {
  return std::holds_alternative<std::nullptr_t>(Value(column));
}

std::int64_t Row::Int(std::size_t column) const {
  const SqlValue& value = Value(column);
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    return *i;
  }
  if (const auto* d = std::get_if<double>(&value)) {
    return static_cast<std::int64_t>(*d);
  }
  if (const auto* s = std::get_if<std::string>(&value)) {
    char* end = nullptr;
    const long long parsed = std::strtoll(s->c_str(), &end, 10);
    if (end != s->c_str() && *end == '\0') {
      return parsed;
    }
  }
  throw StorageError(StorageErrorKind::kUsage,
                     "column '" + set_->columns().at(column) + "' is not an integer");
}

double Row::Real(std::size_t column) const {
  const SqlValue& value = Value(column);
  if (const auto* d = std::get_if<double>(&value)) {
    return *d;
  }
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    return static_cast<double>(*i);
  }
  if (const auto* s = std::get_if<std::string>(&value)) {
    char* end = nullptr;
    const double parsed = std::strtod(s->c_str(), &end);
    if (end != s->c_str() && *end == '\0') {
      return parsed;
    }
  }
  throw StorageError(StorageErrorKind::kUsage,
                     "column '" + set_->columns().at(column) + "' is not a number");
}

std::string Row::Text(std::size_t column) const {
  const SqlValue& value = Value(column);
  if (const auto* s = std::get_if<std::string>(&value)) {
    return *s;
  }
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    return std::to_string(*i);
  }
  if (const auto* d = std::get_if<double>(&value)) {
    return std::to_string(*d);
  }
  return {};
}

std::optional<std::string> Row::OptionalText(std::size_t column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Text(column);
}

SqlValue& ResultSet::At(std::size_t row, std::size_t column) {
  if (row >= rows_.size() || column >= rows_[row].size()) {
    throw StorageError(StorageErrorKind::kUsage, "row " + std::to_string(row) + ", column " +
                                                     std::to_string(column) + " out of range");
  }
  return rows_[row][column];
}

std::string ResultSet::TakeText(std::size_t row, std::size_t column) {
  if (auto* s = std::get_if<std::string>(&At(row, column))) {
    std::string taken = std::move(*s);
    s->clear();  // what a moved-from string holds is unspecified; the set promises empty
    return taken;
  }
  return (*this)[row].Text(column);
}

std::optional<std::string> ResultSet::TakeOptionalText(std::size_t row, std::size_t column) {
  if (std::holds_alternative<std::nullptr_t>(At(row, column))) {
    return std::nullopt;
  }
  return TakeText(row, column);
}

std::optional<std::int64_t> Row::OptionalInt(std::size_t column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Int(column);
}

std::size_t Row::Column(std::string_view name) const {
  const auto& columns = set_->columns();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) {
      return i;
    }
  }
  throw StorageError(StorageErrorKind::kUsage, "no column named '" + std::string(name) + "'");
}

std::int64_t ResultSet::ScalarInt() const {
  if (rows_.empty()) {
    throw StorageError(StorageErrorKind::kUsage, "scalar query returned no row");
  }
  return (*this)[0].Int(0);
}

}  // namespace mams::storage
