#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "node/module/extensions.h"

namespace mams::reports {

enum class ReportFormat { kJson, kCsv, kXlsx };

/// What a request for one dataset asks: its filters (only those the dataset declares, with
/// allowed values), the format, and the language of a file's headers.
struct ReportQuery {
  std::map<std::string, std::string> filters;
  ReportFormat format = ReportFormat::kJson;
  bool english = false;
};

/// Most rows one report may hold (a dataset is an aggregate; more means missing filters).
inline constexpr std::size_t kMaxReportRows = 100000;

/// Reads `format` (json, csv, xlsx; json when absent), `lang` (zh, en: the headers of a file;
/// otherwise `english_default`) and the dataset's filters from the query parameters. An
/// empty filter value is no filter. Throws ApiError 400 invalid_parameter naming the
/// parameter for one the dataset does not declare, a repeated one, a value outside the
/// declared values, or free text over 64 characters or with control characters.
ReportQuery ReadReportQuery(const module::ReportDataset& dataset,
                            const std::vector<std::pair<std::string, std::string>>& query,
                            bool english_default);

/// The rows as a file: CSV (with a BOM, for Excel) or XLSX, headers in the query's language;
/// money columns (fen) in yuan. Throws std::logic_error for a number column whose cell is
/// not a whole number (a dataset's defect).
std::string ReportCsv(const module::ReportDataset& dataset,
                      const std::vector<std::vector<std::string>>& rows, bool english);
std::string ReportXlsx(const module::ReportDataset& dataset,
                       const std::vector<std::vector<std::string>>& rows, bool english);

/// A number column's cell as a number (std::logic_error when it is not a whole number).
long long NumberCell(const module::ReportDataset& dataset, std::size_t column,
                     const std::string& cell);

}  // namespace mams::reports
