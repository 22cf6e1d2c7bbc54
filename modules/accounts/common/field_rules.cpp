#include "modules/accounts/common/field_rules.h"

#include <cctype>

#include "node/common/errors.h"

namespace mams::accounts {
namespace {

bool AllDigits(std::string_view text) {
  for (const char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return !text.empty();
}

int Number(std::string_view digits) {
  int value = 0;
  for (const char c : digits) {
    value = value * 10 + (c - '0');
  }
  return value;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

}  // namespace

bool IsValidDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    return false;
  }
  const int year = Number(text.substr(0, 4));
  const int month = Number(text.substr(5, 2));
  const int day = Number(text.substr(8, 2));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  const int last = kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  return day <= last;
}

bool IsValidMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2))) {
    return false;
  }
  const int year = Number(text.substr(0, 4));
  const int month = Number(text.substr(5, 2));
  return year >= 2000 && year <= 2099 && month >= 1 && month <= 12;
}

bool IsValidPhone(std::string_view text) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (!(c == '+' && i == 0) && !((c == '-' || c == ' ') && digits > 0)) {
      return false;
    }
  }
  return digits >= 5 && digits <= 20;
}

bool IsValidEmail(std::string_view text) {
  const std::size_t at = text.find('@');
  if (text.size() > 128 || at == std::string_view::npos || at == 0 ||
      text.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = text.substr(at + 1);
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) {
    return false;
  }
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= ' ' || u >= 0x7f || c == ',' || c == ';' || c == '<' || c == '>') {
      return false;
    }
  }
  return domain.find("..") == std::string_view::npos;
}

bool IsValidIdNumber(std::string_view text) {
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  if (text.size() != 18 || !AllDigits(text.substr(0, 17))) {
    return false;
  }
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    sum += (text[i] - '0') * kWeights[i];
  }
  const char last = static_cast<char>(std::toupper(static_cast<unsigned char>(text[17])));
  return kCheck[sum % 11] == last && IsValidDate(std::string(text.substr(6, 4)) + "-" +
                                                 std::string(text.substr(10, 2)) + "-" +
                                                 std::string(text.substr(12, 2)));
}

bool ParseYuanToFen(std::string_view text, long long* fen) {
  bool negative = false;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  long long whole = 0;
  std::size_t digits = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] == ',' && digits > 0) {
      continue;  // thousands separators as Excel writes them
    }
    if (!std::isdigit(static_cast<unsigned char>(text[i])) || digits >= 13) {
      return false;
    }
    whole = whole * 10 + (text[i] - '0');
    ++digits;
  }
  if (digits == 0) {
    return false;
  }
  long long cents = 0;
  if (i < text.size()) {  // at '.'
    const std::string_view fraction = text.substr(i + 1);
    if (fraction.empty() || fraction.size() > 2 || !AllDigits(fraction)) {
      return false;
    }
    cents = Number(fraction) * (fraction.size() == 1 ? 10 : 1);
  }
  *fen = (whole * 100 + cents) * (negative ? -1 : 1);
  return true;
}

}  // namespace mams::accounts
