#include "node/common/free_text.h"

#include "node/common/errors.h"
#include "node/common/utf8.h"

namespace mams {

std::optional<std::size_t> FindControlCharacter(std::string_view text, TextLines lines) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != 0x7F) {
      continue;  // UTF-8 bytes of other characters are all at or above 0x80
    }
    if (lines == TextLines::kMulti && (c == '\t' || c == '\n' || c == '\r')) {
      continue;
    }
    return i;
  }
  return std::nullopt;
}

void RequireNoControlCharacters(std::string_view text, TextLines lines, const std::string& field) {
  const auto at = FindControlCharacter(text, lines);
  if (!at) {
    return;
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto c = static_cast<unsigned char>(text[*at]);
  const std::string code = {'U', '+', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
  throw ApiError(ErrorKind::kUnprocessable, "control_character",
                 field + ": control character " + code + " at character " +
                     std::to_string(Utf8Length(text.substr(0, *at)) + 1) +
                     (lines == TextLines::kMulti ? " (only tab and line breaks are allowed)"
                                                 : " (one line of text, no tab)"),
                 field)
      .With("character", code)
      .With("position", std::to_string(Utf8Length(text.substr(0, *at)) + 1));
}

void RequireNoControlCharacters(std::initializer_list<FreeText> fields) {
  for (const FreeText& text : fields) {
    if (*text.value) {
      RequireNoControlCharacters(**text.value, text.lines, text.field);
    }
  }
}

}  // namespace mams
