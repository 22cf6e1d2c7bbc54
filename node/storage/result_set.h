#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mams::storage {

/// A bound parameter or a column value. Only these four types cross the storage boundary,
/// so both backends behave the same; dates are ISO-8601 text, money is integer fen.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using SqlParams = std::vector<SqlValue>;

class ResultSet;

/// One row of a ResultSet; valid while the ResultSet lives. Getters convert between
/// integer, real and text the way SQL would and throw StorageError on impossible
/// conversions or unknown column names (a defect, not user input).
class Row {
 public:
  Row(const ResultSet& set, std::size_t index) : set_(&set), index_(index) {}

  bool IsNull(std::size_t column) const;
  std::int64_t Int(std::size_t column) const;
  double Real(std::size_t column) const;
  std::string Text(std::size_t column) const;
  std::optional<std::string> OptionalText(std::size_t column) const;
  std::optional<std::int64_t> OptionalInt(std::size_t column) const;

  std::size_t Column(std::string_view name) const;
  std::int64_t Int(std::string_view name) const { return Int(Column(name)); }
  std::string Text(std::string_view name) const { return Text(Column(name)); }
  std::optional<std::string> OptionalText(std::string_view name) const {
    return OptionalText(Column(name));
  }
  bool IsNull(std::string_view name) const { return IsNull(Column(name)); }
  const SqlValue& Value(std::size_t column) const;

 private:
  const ResultSet* set_;
  std::size_t index_;
};

/// Rows of a query, fully read; cheap to move.
class ResultSet {
 public:
  ResultSet() = default;
  explicit ResultSet(std::vector<std::string> columns)
      : columns_(std::make_shared<const std::vector<std::string>>(std::move(columns))) {}
  /// Column names shared with the statement that produced them (no copy per query).
  explicit ResultSet(std::shared_ptr<const std::vector<std::string>> columns)
      : columns_(std::move(columns)) {}

  void AddRow(std::vector<SqlValue> values) { rows_.push_back(std::move(values)); }

  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  Row operator[](std::size_t index) const { return Row(*this, index); }
  const std::vector<std::string>& columns() const { return *columns_; }
  const std::vector<SqlValue>& values(std::size_t row) const { return rows_.at(row); }

  /// A text value moved out of the set (which keeps an empty string there), so a reader
  /// that builds records from the rows does not copy every string; numbers convert as
  /// Row::Text converts them.
  std::string TakeText(std::size_t row, std::size_t column);
  std::optional<std::string> TakeOptionalText(std::size_t row, std::size_t column);

  /// The first column of the first row as an integer: for COUNT(*) and friends.
  std::int64_t ScalarInt() const;

 private:
  SqlValue& At(std::size_t row, std::size_t column);  // refuses a bad row or column

  std::shared_ptr<const std::vector<std::string>> columns_ =
      std::make_shared<const std::vector<std::string>>();
  std::vector<std::vector<SqlValue>> rows_;
};

}  // namespace mams::storage
