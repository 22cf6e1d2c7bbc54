#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "node/common/free_text.h"
#include "node/common/utf8.h"

namespace mams::accounts {

/// Checks shared by the API and the CSV imports, so both refuse the same values.

/// A calendar date "YYYY-MM-DD" between 1900-01-01 and 2099-12-31.
bool IsValidDate(std::string_view text);
/// A month "YYYY-MM" between 2000-01 and 2099-12.
bool IsValidMonth(std::string_view text);
/// A phone number: optional '+', then digits with optional spaces or '-', 5 to 20 digits.
bool IsValidPhone(std::string_view text);
/// A plausible e-mail address: local@domain.tld, ASCII, at most 128 bytes.
bool IsValidEmail(std::string_view text);
/// A resident ID number: 18 characters (17 digits and a digit or X) with a valid GB 11643
/// check character.
bool IsValidIdNumber(std::string_view text);
/// Copies each present input over its record member; an absent input keeps the member, as
/// a PATCH does.
template <typename T>
void CopyPresent(std::initializer_list<std::pair<const std::optional<T>*, T*>> fields) {
  for (const auto& [value, target] : fields) {
    if (*value) {
      *target = **value;
    }
  }
}

/// Money in yuan with at most two decimals ("12345", "-3.5", "1,234.56") to fen.
/// False when the text is not such an amount or is out of ±10^13 yuan.
bool ParseYuanToFen(std::string_view text, long long* fen);

}  // namespace mams::accounts
