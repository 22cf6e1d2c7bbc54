#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
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

/// Text that is a whole number (strtoll's rules: leading blanks and a sign allowed) as an
/// integer; nothing for any other text.
std::optional<std::int64_t> WholeNumber(std::string_view text);

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

/// A row looked at where the database holds it, while a query runs (Session::QueryRows): a
/// reader that builds its own records copies each text once, from the database into the
/// record, with no ResultSet between. Valid only inside the callback it is given to, which
/// must not use the same session (SQLite refuses: its statement is still running); the
/// getters convert as Row's do and throw StorageError for a column out of range.
class RowView {
 public:
  virtual bool IsNull(std::size_t column) const = 0;
  virtual std::int64_t Int(std::size_t column) const = 0;
  /// Text or blob bytes; an integer as its digits. Valid until the callback returns.
  virtual std::string_view Text(std::size_t column) const = 0;
  std::optional<std::string> OptionalText(std::size_t column) const {
    if (IsNull(column)) {
      return std::nullopt;
    }
    return std::string(Text(column));
  }

 protected:
  ~RowView() = default;
};
using RowCallback = std::function<void(const RowView&)>;

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

  /// The first column of the first row as an integer: for COUNT(*) and friends.
  std::int64_t ScalarInt() const;

  /// Each row through a RowView, in order: for a backend that reads whole results first.
  void ForEachRow(const RowCallback& each) const;

 private:
  std::shared_ptr<const std::vector<std::string>> columns_ =
      std::make_shared<const std::vector<std::string>>();
  std::vector<std::vector<SqlValue>> rows_;
};

}  // namespace mams::storage
