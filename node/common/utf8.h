#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mams {

/// Characters (code points) of valid UTF-8 text.
std::size_t Utf8Length(std::string_view text);

/// At most `max_bytes` of `text`, cut at a character boundary.
std::string TruncateUtf8(std::string_view text, std::size_t max_bytes);

}  // namespace mams
