#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

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
/// Whether a free-text field may span lines: multi-line fields (remarks, visit content and
/// follow-up, reasons) may hold tab, LF and CR; single-line ones (names, titles, address,
/// tags, products) none of them.
enum class TextLines { kSingle, kMulti };
/// Offset of the first control character `text` may not hold: U+0000–U+001F or U+007F,
/// except tab, LF and CR where `lines` is kMulti. nullopt when there is none.
std::optional<std::size_t> FindControlCharacter(std::string_view text, TextLines lines);
/// Throws ApiError(422, "control_character", ..., `field`) when FindControlCharacter finds one.
/// Every free-text input of the module passes here (API, TMF629 and CSV imports alike): a
/// NUL stored would be synced upward and cut exports short.
void RequireNoControlCharacters(std::string_view text, TextLines lines, const std::string& field);
/// One optional free-text input and how it may be written.
struct FreeText {
  const std::optional<std::string>* value;
  const char* field;
  TextLines lines;
};
/// RequireNoControlCharacters for each field that is present, in order.
void RequireNoControlCharacters(std::initializer_list<FreeText> fields);

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
