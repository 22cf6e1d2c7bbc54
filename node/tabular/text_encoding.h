#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mams::tabular {

/// Text of an uploaded file, converted to UTF-8.
struct DecodedText {
  std::string utf8;             ///< without a byte-order mark
  std::string source_encoding;  ///< "UTF-8" or "GBK" (decoded as GB18030, a superset)
};

/// Decodes an uploaded text file (CSV) to UTF-8.
///
/// A UTF-8 byte-order mark is stripped. Bytes that are valid UTF-8 (strictly: no overlong
/// forms, no surrogates, nothing above U+10FFFF) are taken as UTF-8; a pure-ASCII file is
/// UTF-8. Otherwise the bytes are decoded as GB18030 (which covers GBK, what Excel on a
/// Chinese Windows saves as "CSV") with iconv.
///
/// Throws `ApiError(kUnprocessable, "unsupported_encoding", ..., "file")` for UTF-16/UTF-32
/// (byte-order mark), XLSX/ZIP or XLS files, NUL bytes, a UTF-8 file with a byte-order mark
/// or otherwise clearly UTF-8 that has invalid bytes, and bytes that are neither UTF-8 nor
/// GBK; the message names the line and byte offset of the first bad byte. Throws
/// `ApiError(kInternal, ...)` if the system has no GB18030 converter.
/// Thread-safe (no shared state).
DecodedText DecodeToUtf8(std::string_view bytes);

/// Offset of the first byte that is not part of a valid UTF-8 sequence (strict, as above),
/// or nullopt if `bytes` is entirely valid UTF-8.
std::optional<std::size_t> FindInvalidUtf8(std::string_view bytes);

}  // namespace mams::tabular
