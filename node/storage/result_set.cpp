#include "node/storage/result_set.h"

#include <cstdlib>
#include <list>
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
    if (const auto number = WholeNumber(*s)) {
      return *number;
    }
  }
  throw StorageError(StorageErrorKind::kUsage,
                     "column '" + set_->columns().at(column) + "' is not an integer");
}

std::optional<std::int64_t> WholeNumber(std::string_view text) {
  const std::string terminated(text);
  char* end = nullptr;
  const long long parsed = std::strtoll(terminated.c_str(), &end, 10);
  if (end == terminated.c_str() || *end != '\0') {
    return std::nullopt;
  }
  return parsed;
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

namespace {

// A ResultSet's row as a RowView. A number asked for as text is converted into `converted_`,
// whose strings stay put (a list) until the next row.
class ResultSetRowView final : public RowView {
 public:
  explicit ResultSetRowView(const ResultSet& rows) : rows_(rows) {}

  void MoveTo(std::size_t index) {
    index_ = index;
    converted_.clear();
  }
  bool IsNull(std::size_t column) const override { return rows_[index_].IsNull(column); }
  std::int64_t Int(std::size_t column) const override { return rows_[index_].Int(column); }
  std::string_view Text(std::size_t column) const override {
    const Row row = rows_[index_];
    if (const auto* s = std::get_if<std::string>(&row.Value(column))) {
      return *s;
    }
    return converted_.emplace_back(row.Text(column));
  }

 private:
  const ResultSet& rows_;
  std::size_t index_ = 0;
  mutable std::list<std::string> converted_;
};

}  // namespace

void ResultSet::ForEachRow(const RowCallback& each) const {
  ResultSetRowView view(*this);
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    view.MoveTo(i);
    each(view);
  }
}

}  // namespace mams::storage
