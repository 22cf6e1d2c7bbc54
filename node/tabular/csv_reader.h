#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mams::tabular {

/// Most fields a record may have; more is refused as a malformed file.
inline constexpr std::size_t kMaxCsvFields = 200;
/// Longest field, in bytes; longer is refused.
inline constexpr std::size_t kMaxCsvFieldBytes = 64 * 1024;

/// One CSV record.
struct CsvRecord {
  std::size_t line = 0;             ///< 1-based physical line where the record starts
  std::vector<std::string> fields;  ///< at least one
};

/// Reads RFC 4180 CSV from UTF-8 text (see DecodeToUtf8), one record at a time.
///
/// - Records end with LF, CRLF or the end of the text; a last line break is optional.
/// - A field is quoted if it starts with `"`; inside, `""` is a quote and commas, CR and LF
///   are data, kept as they are.
/// - Unquoted fields are kept exactly as written (spaces too: trimming is the caller's
///   policy); only the CR of a CRLF line end is dropped.
/// - Records whose fields are all empty (blank lines, and the ",,," rows Excel leaves after
///   cleared cells) are skipped. A leading UTF-8 byte-order mark is skipped.
///
/// Next throws `ApiError(kUnprocessable, "csv_syntax", "line N: ...", "file")` for an
/// unterminated quoted field, a quote inside an unquoted field, text after a closing quote,
/// more than kMaxCsvFields fields or a field over kMaxCsvFieldBytes. The reader does not own
/// the text, which must outlive it. Not thread-safe.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  /// Reads the next non-empty record into `*record`; false at the end of the text.
  bool Next(CsvRecord* record);

 private:
  void ReadRecord(CsvRecord* record);
  std::string ReadQuoted(std::size_t field_number);
  std::string ReadUnquoted(std::size_t field_number);
  bool AtLineEnd() const;

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace mams::tabular
