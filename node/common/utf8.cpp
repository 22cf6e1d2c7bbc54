#include "node/common/utf8.h"

namespace mams {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::size_t Utf8Length(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    count += IsContinuationByte(c) ? 0 : 1;
  }
  return count;
}

std::string TruncateUtf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return std::string(text);
  }
  std::size_t end = max_bytes;
  while (end > 0 && IsContinuationByte(text[end])) {
    --end;  // step back off continuation bytes
  }
  return std::string(text.substr(0, end));
}

}  // namespace mams
