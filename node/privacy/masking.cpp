#include "node/privacy/masking.h"

#include <cctype>

namespace mams::privacy {
namespace {

// Masks the digits between the first `keep_front` and the last `keep_back` digits; other
// characters (spaces, dashes, '+') stay so the shape is recognisable.
std::string MaskDigits(std::string_view text, std::size_t keep_front, std::size_t keep_back) {
  std::size_t digits = 0;
  for (const char c : text) {
    digits += std::isdigit(static_cast<unsigned char>(c)) != 0 ? 1 : 0;
  }
  if (digits <= keep_front + keep_back) {
    keep_front = 0;
    keep_back = digits > 1 ? 1 : 0;
  }
  std::string out;
  std::size_t seen = 0;
  for (const char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
      out.push_back(c);
      continue;
    }
    const bool keep = seen < keep_front || seen >= digits - keep_back;
    out.push_back(keep ? c : '*');
    ++seen;
  }
  return out;
}

}  // namespace

std::string MaskPhone(std::string_view phone) { return MaskDigits(phone, 3, 4); }

std::string MaskEmail(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0) {
    return std::string(email.size(), '*');
  }
  return std::string(1, email[0]) + std::string(at - 1, '*') + std::string(email.substr(at));
}

std::string MaskIdNumber(std::string_view id_number) {
  if (id_number.size() <= 10) {
    return std::string(id_number.size(), '*');
  }
  return std::string(id_number.substr(0, 6)) + std::string(id_number.size() - 10, '*') +
         std::string(id_number.substr(id_number.size() - 4));
}

}  // namespace mams::privacy
