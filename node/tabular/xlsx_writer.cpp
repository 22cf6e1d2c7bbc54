#include "node/tabular/xlsx_writer.h"

#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "node/common/errors.h"
#include "node/tabular/visible_text.h"

namespace mams::tabular {
namespace {

constexpr std::size_t kMaxSheetNameChars = 31;
constexpr std::string_view kSheetNameForbidden = "[]:*?/\\";
constexpr double kMinAutoWidth = 10;
constexpr double kMaxAutoWidth = 60;
constexpr double kAutoWidthPadding = 2;
constexpr double kFenPerYuan = 100.0;
constexpr char kIntegerFormat[] = "0";
constexpr char kMoneyFormat[] = "#,##0.00";
constexpr char kDateFormat[] = "yyyy-mm-dd";
constexpr char kTempName[] = "mams-xlsx-XXXXXX";

[[noreturn]] void Fail(const std::string& message) {
  throw ApiError(ErrorKind::kInternal, "xlsx_write", "XLSX export: " + message);
}

void Check(lxw_error error, const std::string& what) {
  if (error != LXW_NO_ERROR) {
    Fail(what + ": " + lxw_strerror(error));
  }
}

bool IsLeadByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// Characters wide in a spreadsheet font: everything encoded in three or more UTF-8 bytes
// (CJK among them) counts two, which is close enough for a default width.
double DisplayWidth(std::string_view text) {
  double width = 0;
  for (const char c : text) {
    if (IsLeadByte(c)) {
      width += static_cast<unsigned char>(c) >= 0xE0 ? 2 : 1;
    }
  }
  return width;
}

std::optional<lxw_datetime> ParseDate(std::string_view text) {
  constexpr std::string_view kShape = "0000-00-00";
  if (text.size() != kShape.size()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == '-' ? text[i] != '-' : !digit) {
      return std::nullopt;
    }
  }
  const auto number = [&text](std::size_t at, std::size_t length) {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  lxw_datetime date{number(0, 4), number(5, 2), number(8, 2), 0, 0, 0.0};
  constexpr int kDaysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  if (date.year < 1900 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > kDaysInMonth[date.month - 1] || (date.month == 2 && date.day == 29 && !leap)) {
    return std::nullopt;
  }
  return date;
}

// A private file that libxlsxwriter writes by name; removed when this goes out of scope.
class TempFile {
 public:
  TempFile() {
    std::error_code error;
    const auto dir = std::filesystem::temp_directory_path(error);
    if (error) {
      Fail("no temporary directory: " + error.message());
    }
    path_ = (dir / kTempName).string();
    const int fd = mkostemp(path_.data(), O_CLOEXEC);
    if (fd < 0) {
      Fail("cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno));
    }
    close(fd);
  }
  ~TempFile() { unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  std::string directory() const { return std::filesystem::path(path_).parent_path().string(); }

  std::string Read() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in || !bytes) {
      Fail("cannot read back " + path_);
    }
    return bytes.str();
  }

 private:
  std::string path_;
};

struct Formats {
  lxw_format* header;
  lxw_format* integer;
  lxw_format* money;
  lxw_format* date;
};

Formats AddFormats(lxw_workbook* book) {
  Formats formats{workbook_add_format(book), workbook_add_format(book), workbook_add_format(book),
                  workbook_add_format(book)};
  if (!formats.header || !formats.integer || !formats.money || !formats.date) {
    Fail("cannot add cell formats");
  }
  format_set_bold(formats.header);
  format_set_num_format(formats.integer, kIntegerFormat);
  format_set_num_format(formats.money, kMoneyFormat);
  format_set_num_format(formats.date, kDateFormat);
  return formats;
}

// Row numbers in messages are the spreadsheet's (the header is row 1). Cell values are left
// out: they may be personal data, and these messages are logged.
[[noreturn]] void FailCell(std::size_t row_index, const Column& column, const std::string& why) {
  Fail("row " + std::to_string(row_index + 1) + ", column \"" + column.title + "\": " + why);
}

void WriteCell(lxw_worksheet* ws, std::size_t row_index, std::size_t col_index,
               const Column& column, const Cell& cell, const Formats& formats) {
  const auto row = static_cast<lxw_row_t>(row_index);
  const auto col = static_cast<lxw_col_t>(col_index);
  const bool numeric = column.kind == ColumnKind::kInteger || column.kind == ColumnKind::kMoney;
  lxw_error error = LXW_NO_ERROR;
  if (numeric && cell.number) {
    const auto value = static_cast<double>(*cell.number);
    error = column.kind == ColumnKind::kMoney
                ? worksheet_write_number(ws, row, col, value / kFenPerYuan, formats.money)
                : worksheet_write_number(ws, row, col, value, formats.integer);
  } else if (cell.text.empty()) {
    return;
  } else if (column.kind == ColumnKind::kDate) {
    auto date = ParseDate(cell.text);
    if (!date) {
      FailCell(row_index, column, "not a date (YYYY-MM-DD)");
    }
    error = worksheet_write_datetime(ws, row, col, &*date, formats.date);
  } else {
    // A NUL would end the C string here, cutting the cell short without a word.
    error =
        HasHiddenControls(cell.text)
            ? worksheet_write_string(ws, row, col, WithVisibleControls(cell.text).c_str(), nullptr)
            : worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr);
  }
  if (error != LXW_NO_ERROR) {
    FailCell(row_index, column, lxw_strerror(error));
  }
}

void WriteSheet(lxw_worksheet* ws, const Sheet& sheet, const Formats& formats) {
  const std::size_t columns = sheet.columns.size();
  for (std::size_t c = 0; c < columns; ++c) {
    const Column& column = sheet.columns[c];
    const double width = column.width > 0
                             ? column.width
                             : std::clamp(DisplayWidth(column.title) + kAutoWidthPadding,
                                          kMinAutoWidth, kMaxAutoWidth);
    const auto col = static_cast<lxw_col_t>(c);
    Check(worksheet_set_column(ws, col, col, width, nullptr), "column width");
    const lxw_error error =
        worksheet_write_string(ws, 0, col, column.title.c_str(), formats.header);
    if (error != LXW_NO_ERROR) {
      FailCell(0, column, lxw_strerror(error));
    }
  }
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    const auto& cells = sheet.rows[r];
    if (cells.size() > columns) {
      Fail("row " + std::to_string(r + 2) + " has more cells than the sheet has columns");
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
      WriteCell(ws, r + 1, c, sheet.columns[c], cells[c], formats);
    }
  }
  worksheet_freeze_panes(ws, 1, 0);
  Check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()),
                             static_cast<lxw_col_t>(columns - 1)),
        "autofilter");
}

}  // namespace

bool IsValidSheetName(std::string_view name) {
  const auto chars = static_cast<std::size_t>(std::count_if(name.begin(), name.end(), IsLeadByte));
  return chars >= 1 && chars <= kMaxSheetNameChars &&
         name.find_first_of(kSheetNameForbidden) == std::string_view::npos &&
         name.front() != '\'' && name.back() != '\'';
}

std::string WriteXlsx(const Sheet& sheet) {
  if (!IsValidSheetName(sheet.name)) {
    Fail("invalid sheet name \"" + sheet.name + "\"");
  }
  if (sheet.columns.empty() || sheet.columns.size() > LXW_COL_MAX) {
    Fail("a sheet needs 1 to " + std::to_string(LXW_COL_MAX) + " columns");
  }
  if (sheet.rows.size() >= LXW_ROW_MAX) {
    Fail("too many rows: " + std::to_string(sheet.rows.size()) + ", at most " +
         std::to_string(LXW_ROW_MAX - 1));
  }
  const TempFile file;
  std::string tmpdir = file.directory();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  std::unique_ptr<lxw_workbook, void (*)(lxw_workbook*)> book(
      workbook_new_opt(file.path().c_str(), &options), lxw_workbook_free);
  if (!book) {
    Fail("cannot create a workbook");
  }
  const Formats formats = AddFormats(book.get());
  lxw_worksheet* ws = workbook_add_worksheet(book.get(), sheet.name.c_str());
  if (!ws) {
    Fail("cannot add sheet \"" + sheet.name + "\"");
  }
  WriteSheet(ws, sheet, formats);
  // workbook_close frees the workbook whether or not it succeeds.
  Check(workbook_close(book.release()), "writing " + file.path());
  return file.Read();
}

}  // namespace mams::tabular
