#include "node/logging/escaping_channel.h"

#include <Poco/Message.h>

#include <algorithm>

namespace mams::logging {
namespace {

bool NeedsEscape(unsigned char c) { return c < 0x20 || c == 0x7F || c == '\\'; }

// The letter that follows the backslash in the short escape of `c` (\\ \n \r \t), or 0 when
// `c` is written as \xHH.
char EscapeLetter(unsigned char c) {
  constexpr std::string_view kEscaped = "\\\n\r\t";
  constexpr std::string_view kLetters = "\\nrt";
  const std::size_t at = kEscaped.find(static_cast<char>(c));
  return at == std::string_view::npos ? 0 : kLetters[at];
}

}  // namespace

std::string EscapeControls(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + 8);
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (!NeedsEscape(c)) {
      escaped.push_back(ch);
      continue;
    }
    escaped.push_back('\\');
    if (const char letter = EscapeLetter(c)) {
      escaped.push_back(letter);
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      escaped.push_back('x');
      escaped.push_back(kHex[c >> 4]);
      escaped.push_back(kHex[c & 0xF]);
    }
  }
  return escaped;
}

void EscapingChannel::log(const Poco::Message& message) {
  const std::string& text = message.getText();
  const bool clean = std::none_of(text.begin(), text.end(), [](char c) {
    return NeedsEscape(static_cast<unsigned char>(c));
  });
  if (clean) {
    next_->log(message);  // the usual case: no copy
    return;
  }
  Poco::Message escaped(message);
  escaped.setText(EscapeControls(text));
  next_->log(escaped);
}

}  // namespace mams::logging
