#include "modules/reports/report_request.h"

#include <charconv>
#include <set>
#include <stdexcept>

#include "node/common/errors.h"
#include "node/common/utf8.h"
#include "node/tabular/csv_writer.h"
#include "node/tabular/visible_text.h"
#include "node/tabular/xlsx_writer.h"

namespace mams::reports {
namespace {

constexpr std::size_t kMaxFreeTextBytes = 64 * 4;  // 64 characters of up to four bytes
constexpr std::size_t kMaxFreeTextCharacters = 64;

ApiError InvalidParameter(const std::string& name, const std::string& why,
                          const std::string& allowed = "") {
  ApiError error(ErrorKind::kBadRequest, "invalid_parameter", name + ": " + why, name);
  if (!allowed.empty()) {
    error.With("allowed", allowed);
  }
  return error;
}

std::string Joined(const std::vector<module::ReportChoice>& choices) {
  std::string text;
  for (const auto& choice : choices) {
    text += (text.empty() ? "" : ", ") + choice.value;
  }
  return text;
}

std::string Joined(const std::vector<std::string>& values) {
  std::string text;
  for (const auto& value : values) {
    text += (text.empty() ? "" : ", ") + value;
  }
  return text;
}

void CheckFilter(const module::ReportFilter& filter, const std::string& value) {
  if (!filter.choices.empty()) {
    for (const auto& choice : filter.choices) {
      if (choice.value == value) {
        return;
      }
    }
    throw InvalidParameter(filter.key, "not one of the allowed values", Joined(filter.choices));
  }
  if (value.size() > kMaxFreeTextBytes || Utf8Length(value) > kMaxFreeTextCharacters ||
      tabular::HasHiddenControls(value)) {
    throw InvalidParameter(filter.key, "at most 64 characters, no control characters");
  }
}

const module::ReportFilter* FindFilter(const module::ReportDataset& dataset,
                                       const std::string& key) {
  for (const auto& filter : dataset.filters) {
    if (filter.key == key) {
      return &filter;
    }
  }
  return nullptr;
}

const std::string& Title(const module::ReportColumn& column, bool english) {
  return english ? column.title_en : column.title_zh;
}

// Fen as yuan with two decimals, as people read money in a spreadsheet.
std::string Yuan(long long fen) {
  const bool negative = fen < 0;
  const unsigned long long magnitude =
      negative ? 0ULL - static_cast<unsigned long long>(fen) : static_cast<unsigned long long>(fen);
  std::string cents = std::to_string(magnitude % 100);
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." +
         (cents.size() == 1 ? "0" : "") + cents;
}

}  // namespace

ReportQuery ReadReportQuery(const module::ReportDataset& dataset,
                            const std::vector<std::pair<std::string, std::string>>& query,
                            bool english_default) {
  ReportQuery read;
  read.english = english_default;
  std::set<std::string> seen;
  for (const auto& [name, value] : query) {
    if (!seen.insert(name).second) {
      throw InvalidParameter(name, "given more than once");
    }
    if (name == "format") {
      if (value == "json") {
        read.format = ReportFormat::kJson;
      } else if (value == "csv") {
        read.format = ReportFormat::kCsv;
      } else if (value == "xlsx") {
        read.format = ReportFormat::kXlsx;
      } else {
        throw InvalidParameter(name, "json, csv or xlsx", "json, csv, xlsx");
      }
    } else if (name == "lang") {
      if (value != "zh" && value != "en") {
        throw InvalidParameter(name, "zh or en", "zh, en");
      }
      read.english = value == "en";
    } else if (const module::ReportFilter* filter = FindFilter(dataset, name)) {
      if (!value.empty()) {
        CheckFilter(*filter, value);
        read.filters[name] = value;
      }
    } else {
      std::vector<std::string> known = {"format", "lang"};
      for (const auto& declared : dataset.filters) {
        known.push_back(declared.key);
      }
      throw InvalidParameter(name, "not a parameter of report " + dataset.key, Joined(known));
    }
  }
  return read;
}

long long NumberCell(const module::ReportDataset& dataset, std::size_t column,
                     const std::string& cell) {
  long long number = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), number);
  if (error != std::errc() || end != cell.data() + cell.size() || cell.empty()) {
    throw std::logic_error("report " + dataset.key + ", column " + dataset.columns[column].key +
                           ": '" + cell + "' is not a whole number");
  }
  return number;
}

std::string ReportCsv(const module::ReportDataset& dataset,
                      const std::vector<std::vector<std::string>>& rows, bool english) {
  std::vector<std::string> cells;
  for (const auto& column : dataset.columns) {
    cells.push_back(Title(column, english));
  }
  std::string csv(tabular::kUtf8Bom);
  csv += tabular::CsvRow(cells);
  for (const auto& row : rows) {
    cells.clear();
    for (std::size_t i = 0; i < dataset.columns.size(); ++i) {
      const std::string& cell = i < row.size() ? row[i] : std::string();
      switch (dataset.columns[i].type) {
        case module::ReportValue::kMoney:
          cells.push_back(Yuan(NumberCell(dataset, i, cell)));
          break;
        case module::ReportValue::kInteger:
          cells.push_back(std::to_string(NumberCell(dataset, i, cell)));
          break;
        case module::ReportValue::kText:
          cells.push_back(cell);
          break;
      }
    }
    csv += tabular::CsvRow(cells);
  }
  return csv;
}

std::string ReportXlsx(const module::ReportDataset& dataset,
                       const std::vector<std::vector<std::string>>& rows, bool english) {
  tabular::Sheet sheet;
  sheet.name = "report";
  for (const auto& column : dataset.columns) {
    tabular::Column out;
    out.title = Title(column, english);
    out.kind = column.type == module::ReportValue::kMoney     ? tabular::ColumnKind::kMoney
               : column.type == module::ReportValue::kInteger ? tabular::ColumnKind::kInteger
                                                              : tabular::ColumnKind::kText;
    sheet.columns.push_back(out);
  }
  for (const auto& row : rows) {
    std::vector<tabular::Cell> cells;
    for (std::size_t i = 0; i < dataset.columns.size(); ++i) {
      const std::string& cell = i < row.size() ? row[i] : std::string();
      cells.push_back(dataset.columns[i].type == module::ReportValue::kText
                          ? tabular::Cell::Text(cell)
                          : tabular::Cell::Number(NumberCell(dataset, i, cell)));
    }
    sheet.rows.push_back(std::move(cells));
  }
  return tabular::WriteXlsx(sheet);
}

}  // namespace mams::reports
