#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "node/tabular/csv_reader.h"

namespace mams::tabular {

/// How a column of an import file is recognised.
struct CsvColumnSpec {
  std::string name;                  ///< canonical name, used by the code, e.g. "name"
  std::vector<std::string> aliases;  ///< other accepted headers, e.g. "客户名称"
  bool required = false;             ///< refuse a file without this column
};

/// Maps a header record to column positions.
///
/// Headers match a spec's name or one of its aliases ignoring ASCII case, surrounding spaces
/// (ASCII and U+3000) and a byte-order mark. Empty header cells are allowed (Excel leaves
/// them) but values under them are not (see CheckRecord). Throws one
/// `ApiError(kUnprocessable, "csv_columns", ..., "file")` naming every unknown, duplicate and
/// missing required column and listing the expected ones.
class HeaderIndex {
 public:
  HeaderIndex(const CsvRecord& header, const std::vector<CsvColumnSpec>& specs);

  /// Position of column `name` (a canonical name) in the file's records, or nullopt if the
  /// file lacks it. Throws `ApiError(kInternal)` if `name` is not in the specs.
  std::optional<std::size_t> Find(std::string_view name) const;
  /// Value of column `name` in `record` (a view into it); empty when the file lacks the
  /// column or the record is shorter than the header. Throws `ApiError(kInternal)` if `name`
  /// is not in the specs.
  std::string_view Get(const CsvRecord& record, std::string_view name) const;
  /// Throws `ApiError(kUnprocessable, "csv_columns", "line N: ...", "file")` if `record` has
  /// a non-empty value in a column without a header or beyond the header.
  void CheckRecord(const CsvRecord& record) const;

 private:
  struct Entry {
    std::string name;
    std::optional<std::size_t> position;
  };
  std::vector<Entry> entries_;
  std::vector<bool> named_;  // per header position: has a recognised header
};

}  // namespace mams::tabular
