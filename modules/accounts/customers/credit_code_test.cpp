#include "modules/accounts/customers/credit_code.h"

#include <gtest/gtest.h>

namespace mams::accounts {
namespace {

TEST(CreditCode, AcceptsRealCodes) {
  for (const char* code : {"91350100M000100Y43", "91110000802100433B", "91440300708461136T",
                           "91110108551385082Q"}) {
    EXPECT_FALSE(ValidateCreditCode(code).has_value()) << code;
  }
}

TEST(CreditCode, NamesWhatIsWrong) {
  EXPECT_EQ(CreditCodeError::kLength, ValidateCreditCode("9111000080210043"));
  EXPECT_EQ(CreditCodeError::kLength, ValidateCreditCode(""));
  EXPECT_EQ(CreditCodeError::kCharacter, ValidateCreditCode("91110000802100433b"));
  EXPECT_EQ(CreditCodeError::kCharacter, ValidateCreditCode("9111000080210043IB"));
  EXPECT_EQ(CreditCodeError::kDivision, ValidateCreditCode("91A10000802100433B"));
  EXPECT_EQ(CreditCodeError::kCheckCharacter, ValidateCreditCode("91110000802100433C"));
  EXPECT_EQ(CreditCodeError::kCheckCharacter, ValidateCreditCode("91110000802100434B"));
}

TEST(CreditCode, EverySingleCharacterTypoIsCaught) {
  const std::string valid = "91440300708461136T";
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (std::size_t i = 0; i < 17; ++i) {
    for (const char c : alphabet) {
      if (c == valid[i] || (i >= 2 && i < 8 && (c < '0' || c > '9'))) {
        continue;
      }
      std::string typo = valid;
      typo[i] = c;
      EXPECT_TRUE(ValidateCreditCode(typo).has_value()) << typo;
    }
  }
}

TEST(CreditCode, CheckCharacterCompletesAnyBase) {
  const std::string base = "91310000MA1FL0000";
  EXPECT_FALSE(ValidateCreditCode(base + CreditCodeCheckCharacter(base)).has_value());
}

}  // namespace
}  // namespace mams::accounts
