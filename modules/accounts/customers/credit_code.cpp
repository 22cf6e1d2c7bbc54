#include "modules/accounts/customers/credit_code.h"

#include <array>

#include "node/common/enum_names.h"

namespace mams::accounts {
namespace {

// GB 32100-2015: 31 characters (no I, O, Z, S, V) and weights 3^i mod 31.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};
constexpr std::size_t kLength = 18;

constexpr EnumName<CreditCodeError> kDescriptions[] = {
    {CreditCodeError::kLength, "a unified social credit code has 18 characters"},
    {CreditCodeError::kCharacter,
     "only digits and upper-case letters other than I, O, Z, S, V are allowed"},
    {CreditCodeError::kDivision,
     "characters 3-8 must be the six digits of an administrative division"},
    {CreditCodeError::kCheckCharacter,
     "the check character (18th) does not match; the code is mistyped"},
};

int ValueOf(char c) {
  const auto position = kAlphabet.find(c);
  return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

}  // namespace

char CreditCodeCheckCharacter(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    sum += ValueOf(first17[i]) * kWeights[i];
  }
  const int check = 31 - sum % 31;
  return kAlphabet[static_cast<std::size_t>(check == 31 ? 0 : check)];
}

std::optional<CreditCodeError> ValidateCreditCode(std::string_view code) {
  if (code.size() != kLength) {
    return CreditCodeError::kLength;
  }
  for (const char c : code) {
    if (ValueOf(c) < 0) {
      return CreditCodeError::kCharacter;
    }
  }
  for (std::size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      return CreditCodeError::kDivision;
    }
  }
  if (CreditCodeCheckCharacter(code.substr(0, 17)) != code[17]) {
    return CreditCodeError::kCheckCharacter;
  }
  return std::nullopt;
}

std::string_view Describe(CreditCodeError error) { return NameOf(kDescriptions, error); }

}  // namespace mams::accounts
