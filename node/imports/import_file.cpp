#include "node/imports/import_file.h"

#include "node/common/errors.h"
#include "node/tabular/csv_writer.h"
#include "node/tabular/text_encoding.h"

namespace mams::imports {

ImportFile ReadImportFile(const std::string& bytes) {
  const tabular::DecodedText text = tabular::DecodeToUtf8(bytes);
  ImportFile file;
  file.encoding = text.source_encoding;
  tabular::CsvReader reader(text.utf8);
  for (tabular::CsvRecord record; reader.Next(&record);) {
    file.records.push_back(std::move(record));
  }
  if (file.records.size() < 2) {
    throw ApiError(ErrorKind::kUnprocessable, "empty_file",
                   "the file has no data rows below its header (文件没有数据行)", "file");
  }
  return file;
}

std::string RejectedFile(const tabular::CsvRecord& header, const std::vector<RejectedRow>& rows) {
  std::vector<std::string> cells = header.fields;
  for (const char* extra : {"错误行号", "错误列", "错误原因"}) {
    cells.emplace_back(extra);
  }
  std::string csv = std::string(tabular::kUtf8Bom) + tabular::CsvRow(cells);
  for (const auto& row : rows) {
    cells = row.fields;
    cells.resize(header.fields.size());
    cells.push_back(std::to_string(row.line));
    cells.push_back(row.column);
    cells.push_back(row.reason);
    std::string line = tabular::CsvRow(cells);
    if (csv.size() + line.size() > kMaxRejectedCsvBytes) {
      csv += tabular::CsvRow({"(truncated: more rejected rows than fit; see the report)"});
      break;
    }
    csv += line;
  }
  return csv;
}

}  // namespace mams::imports
