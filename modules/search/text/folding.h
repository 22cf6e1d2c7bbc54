#pragma once

#include <string>
#include <string_view>

namespace mams::search {

/// The next code point of `text` from `*at` (advanced past it); U+FFFD for a byte that starts
/// no valid UTF-8 sequence, which is then skipped alone.
char32_t NextCodePoint(std::string_view text, std::size_t* at);

void AppendUtf8(char32_t c, std::string* out);

/// Full-width ASCII (Ａ１) as ASCII, Latin lower-cased; other code points unchanged.
char32_t Fold(char32_t c);

}  // namespace mams::search
