#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mams::accounts {

/// Why a unified social credit code (统一社会信用代码, GB 32100-2015) is not valid.
enum class CreditCodeError {
  kLength,         ///< not 18 characters
  kCharacter,      ///< a character outside 0-9 and A-Z without I, O, Z, S, V
  kDivision,       ///< positions 3-8 (administrative division) are not six digits
  kCheckCharacter, ///< the 18th character does not match the other 17
};

/// Checks a code; empty when valid. Lower-case letters are refused, not upper-cased, so a
/// stored code always equals what was validated.
std::optional<CreditCodeError> ValidateCreditCode(std::string_view code);

/// The check character for the first 17 characters (precondition: they use the code's
/// alphabet). For generators and tests.
char CreditCodeCheckCharacter(std::string_view first17);

/// A short English explanation of an error.
std::string_view Describe(CreditCodeError error);

}  // namespace mams::accounts
