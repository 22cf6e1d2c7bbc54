#include "node/tabular/visible_text.h"

namespace mams::tabular {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

bool IsHidden(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

}  // namespace

bool HasHiddenControls(std::string_view text) {
  for (const char c : text) {
    if (IsHidden(c)) {
      return true;
    }
  }
  return false;
}

std::string WithVisibleControls(std::string_view text) {
  std::string visible;
  visible.reserve(text.size());
  for (const char c : text) {
    if (IsHidden(c)) {
      visible += kReplacement;
    } else {
      visible += c;
    }
  }
  return visible;
}

}  // namespace mams::tabular
