#pragma once

// The parts of a CSV import every module's imports share: reading the uploaded bytes
// (UTF-8 or GBK) into records, and the downloadable file of rejected rows.
#include <string>
#include <vector>

#include "node/imports/import_report.h"
#include "node/tabular/csv_reader.h"

namespace mams::imports {

/// An uploaded file as records; the first record is the header.
struct ImportFile {
  std::string encoding;  ///< of the bytes as uploaded: UTF-8 | GBK
  std::vector<tabular::CsvRecord> records;
};

/// Decodes and splits `bytes`. Throws ApiError 422 (`empty_file`, field `file`) when there
/// is no data row below the header, and the decoder's or reader's 422 for bytes that are
/// not text or not CSV.
ImportFile ReadImportFile(const std::string& bytes);

/// The rejected rows as a CSV (UTF-8 with BOM, for spreadsheet programs): the file's header
/// and rows, each with 错误行号, 错误列, 错误原因 appended. Cut short with a last line saying
/// so when it would pass kMaxRejectedCsvBytes.
std::string RejectedFile(const tabular::CsvRecord& header, const std::vector<RejectedRow>& rows);

/// MariaDB's default max_allowed_packet is 16 MiB; the rejected file must fit in one row.
inline constexpr std::size_t kMaxRejectedCsvBytes = 8 * 1024 * 1024;

}  // namespace mams::imports
