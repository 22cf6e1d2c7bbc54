#include "node/tabular/csv_writer.h"

#include "node/tabular/visible_text.h"

namespace mams::tabular {
namespace {

constexpr std::string_view kFormulaStarts = "=+-@\t\r";
constexpr std::string_view kNeedsQuotes = ",\"\r\n";
constexpr char kFormulaGuard = '\'';

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "-12", "-12.50", "+3": a number, which a spreadsheet shows as a number and never runs.
bool IsPlainNumber(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view("0") : text.substr(dot + 1);
  const auto all_digits = [](std::string_view part) {
    if (part.empty()) {
      return false;
    }
    for (const char c : part) {
      if (!IsDigit(c)) {
        return false;
      }
    }
    return true;
  };
  return all_digits(whole) && all_digits(fraction);
}

}  // namespace

std::string CsvCell(std::string_view cell) {
  std::string text;
  if (!cell.empty() && kFormulaStarts.find(cell.front()) != std::string_view::npos &&
      !IsPlainNumber(cell)) {
    text.push_back(kFormulaGuard);
  }
  if (HasHiddenControls(cell)) {
    text += WithVisibleControls(cell);
  } else {
    text.append(cell);
  }
  const bool quote = text.find_first_of(kNeedsQuotes) != std::string::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) {
    return text;
  }
  std::string out = "\"";
  for (const char c : text) {
    out.push_back(c);
    if (c == '"') {
      out.push_back('"');
    }
  }
  out.push_back('"');
  return out;
}

std::string CsvRow(const std::vector<std::string>& cells) {
  std::string row;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) {
      row.push_back(',');
    }
    row += CsvCell(cells[i]);
  }
  row += "\r\n";
  return row;
}

}  // namespace mams::tabular
