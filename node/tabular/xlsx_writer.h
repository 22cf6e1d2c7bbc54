#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mams::tabular {

/// How a column's cells are written.
enum class ColumnKind {
  kText,     ///< Cell::text as a string (never a formula, whatever it starts with; a
             ///< control character other than tab and line breaks, NUL too, as U+FFFD)
  kInteger,  ///< Cell::number as a whole number
  kMoney,    ///< Cell::number in fen, shown in yuan with two decimals ("#,##0.00")
  kDate,     ///< Cell::text "YYYY-MM-DD" as a date ("yyyy-mm-dd")
};

struct Column {
  std::string title;  ///< header text (bold, frozen, with an autofilter)
  double width = 0;   ///< in characters; 0 fits the title (CJK counts two), at least 10
  ColumnKind kind = ColumnKind::kText;
};

/// One cell. Numeric columns write `number` when it is set and otherwise `text` as a string
/// (e.g. "—"); text and date columns write `text`. An empty cell stays blank.
struct Cell {
  std::string text;
  std::optional<std::int64_t> number;

  static Cell Text(std::string value) { return Cell{std::move(value), std::nullopt}; }
  static Cell Number(std::int64_t value) { return Cell{std::string(), value}; }
};

/// One worksheet: a header row from `columns`, then `rows`.
struct Sheet {
  std::string name;  ///< see IsValidSheetName
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  ///< each at most columns.size() cells; short is blank
};

/// Excel's rule for sheet names: 1 to 31 characters (UTF-8 code points), none of
/// `[ ] : * ? / \`, not starting or ending with `'`.
bool IsValidSheetName(std::string_view name);

/// Writes `sheet` as an XLSX workbook and returns the file's bytes.
///
/// Uses a private temporary file (mode 0600, removed before returning) in the system temp
/// directory ($TMPDIR or /tmp). Throws `ApiError(kInternal, "xlsx_write", ...)` for an
/// invalid sheet name, no columns, a row wider than the columns, a malformed date, and any
/// libxlsxwriter error (its message is included, e.g. a string over 32,767 characters).
std::string WriteXlsx(const Sheet& sheet);

}  // namespace mams::tabular
