#include "node/storage/like_pattern.h"

namespace mams::storage {

std::string LikeContaining(std::string_view text) {
  std::string pattern = "%";
  pattern.reserve(text.size() + 2);
  for (const char c : text) {
    if (c == '!' || c == '%' || c == '_') {
      pattern += '!';
    }
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

}  // namespace mams::storage
