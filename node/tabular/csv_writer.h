#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mams::tabular {

/// UTF-8 byte-order mark. Put it first in a CSV download: without it Excel on a Chinese
/// Windows reads the file as GBK and garbles every Chinese character. CsvReader skips it.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

/// One cell as RFC 4180 CSV text, made safe to open in a spreadsheet.
///
/// A cell starting with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'` so Excel or WPS do
/// not run it as a formula (OWASP "CSV injection": an exported customer name such as
/// `=HYPERLINK(...)` would otherwise execute on the reader's machine). Plain decimal numbers
/// such as `-12.50` are left alone. The cell is then quoted if it holds a comma, quote, CR
/// or LF, or starts or ends with a space, with quotes doubled. Control characters other than
/// tab and line breaks (a NUL stored long ago) are written as U+FFFD, never dropped.
std::string CsvCell(std::string_view cell);

/// One record: the cells through CsvCell, joined by commas, ending with CRLF.
std::string CsvRow(const std::vector<std::string>& cells);

}  // namespace mams::tabular
