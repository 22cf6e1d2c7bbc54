#pragma once

#include <string>
#include <string_view>

namespace mams {

/// `text` with the ASCII letters A-Z lowered; every other byte (UTF-8 included) unchanged.
inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

}  // namespace mams
