#include "node/tabular/csv_reader.h"

#include <algorithm>

#include "node/common/errors.h"

namespace mams::tabular {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr char kQuote = '"';
constexpr char kComma = ',';

[[noreturn]] void SyntaxError(std::size_t line, const std::string& problem) {
  throw ApiError(ErrorKind::kUnprocessable, "csv_syntax",
                 "line " + std::to_string(line) + ": " + problem + " (CSV 格式错误)", "file")
      .With("line", std::to_string(line));
}

void CheckFieldSize(std::string_view field, std::size_t line, std::size_t field_number) {
  if (field.size() > kMaxCsvFieldBytes) {
    SyntaxError(line, "field " + std::to_string(field_number) + " is longer than " +
                          std::to_string(kMaxCsvFieldBytes) + " bytes");
  }
}

bool AllEmpty(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(),
                     [](const std::string& field) { return field.empty(); });
}

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    pos_ = kByteOrderMark.size();
  }
}

bool CsvReader::Next(CsvRecord* record) {
  while (pos_ < text_.size()) {
    ReadRecord(record);
    if (!AllEmpty(record->fields)) {
      return true;
    }
  }
  return false;
}

void CsvReader::ReadRecord(CsvRecord* record) {
  record->line = line_;
  record->fields.clear();
  for (;;) {
    const std::size_t field_number = record->fields.size() + 1;
    if (field_number > kMaxCsvFields) {
      SyntaxError(record->line, "more than " + std::to_string(kMaxCsvFields) + " fields");
    }
    if (pos_ < text_.size() && text_[pos_] == kQuote) {
      record->fields.push_back(ReadQuoted(field_number));
    } else {
      record->fields.push_back(ReadUnquoted(field_number));
    }
    if (pos_ >= text_.size()) {
      return;
    }
    const char c = text_[pos_];
    if (c == kComma) {
      ++pos_;
      continue;
    }
    if (c == '\r') {
      ++pos_;  // ReadUnquoted and ReadQuoted only stop at a CR that ends the line
    }
    if (pos_ < text_.size()) {
      ++pos_;  // the LF
      ++line_;
    }
    return;
  }
}

bool CsvReader::AtLineEnd() const {
  if (pos_ >= text_.size() || text_[pos_] == '\n') {
    return true;
  }
  return text_[pos_] == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n');
}

std::string CsvReader::ReadUnquoted(std::size_t field_number) {
  const std::size_t start = pos_;
  while (pos_ < text_.size() && text_[pos_] != kComma && !AtLineEnd()) {
    if (text_[pos_] == kQuote) {
      SyntaxError(line_, "a quote inside unquoted field " + std::to_string(field_number) +
                             "; put the whole field in quotes and double the quotes inside");
    }
    ++pos_;
  }
  const std::string_view field = text_.substr(start, pos_ - start);
  CheckFieldSize(field, line_, field_number);
  return std::string(field);
}

std::string CsvReader::ReadQuoted(std::size_t field_number) {
  const std::size_t start_line = line_;
  std::string field;
  ++pos_;  // the opening quote
  for (;;) {
    const std::size_t quote = text_.find(kQuote, pos_);
    if (quote == std::string_view::npos) {
      SyntaxError(start_line, "a quoted field is never closed");
    }
    const std::string_view chunk = text_.substr(pos_, quote - pos_);
    line_ += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
    field.append(chunk);
    CheckFieldSize(field, start_line, field_number);
    pos_ = quote + 1;
    if (pos_ < text_.size() && text_[pos_] == kQuote) {
      field.push_back(kQuote);
      ++pos_;
      continue;
    }
    if (pos_ < text_.size() && text_[pos_] != kComma && !AtLineEnd()) {
      SyntaxError(line_, "text after the closing quote of field " + std::to_string(field_number) +
                             "; double the quotes inside a quoted field");
    }
    return field;
  }
}

}  // namespace mams::tabular
