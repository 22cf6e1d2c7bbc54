#include "modules/identity/totp.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace mams::identity {
namespace {

// RFC 6238 Appendix B: the ASCII seed "12345678901234567890" in base32.
constexpr const char* kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
constexpr std::int64_t kNoStepUsed = -1;

TEST(Totp, Rfc6238Sha1Vectors) {
  struct Case {
    std::int64_t time;
    const char* code;  // the last 6 of the RFC's 8 digits
  };
  const Case cases[] = {
      {59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
      {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.code, TotpCode(kRfcSecret, c.time)) << c.time;
    EXPECT_EQ(c.code, TotpCode("gezdgnbvgy3tqojqgezdgnbvgy3tqojq", c.time)) << "lower-case";
    EXPECT_EQ(c.time / 30, VerifyTotp(kRfcSecret, c.code, c.time, kNoStepUsed)) << c.time;
  }
}

TEST(Totp, AcceptsOneStepOfSkewEitherWay) {
  const std::int64_t now = 1111111111;  // step 37037037
  const std::int64_t step = now / 30;
  struct Case {
    std::int64_t code_step_offset;
    bool accepted;
  };
  for (const Case& c :
       {Case{-2, false}, Case{-1, true}, Case{0, true}, Case{1, true}, Case{2, false}}) {
    const std::string code = TotpCode(kRfcSecret, (step + c.code_step_offset) * 30);
    const auto matched = VerifyTotp(kRfcSecret, code, now, kNoStepUsed);
    EXPECT_EQ(c.accepted, matched.has_value()) << c.code_step_offset;
    if (c.accepted && matched) {
      EXPECT_EQ(step + c.code_step_offset, *matched);
    }
  }
}

TEST(Totp, ACodeWorksOnlyOnce) {
  const std::int64_t now = 1234567890;
  const std::string code = TotpCode(kRfcSecret, now);
  const auto first = VerifyTotp(kRfcSecret, code, now, kNoStepUsed);
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, now, *first).has_value());
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, now + 30, *first).has_value());
  // An older step's code is refused once a later step has been used.
  const std::string previous = TotpCode(kRfcSecret, now - 30);
  EXPECT_FALSE(VerifyTotp(kRfcSecret, previous, now, *first).has_value());
  // The next step's code is still fine.
  const std::string next = TotpCode(kRfcSecret, now + 30);
  EXPECT_EQ(*first + 1, VerifyTotp(kRfcSecret, next, now, *first));
}

TEST(Totp, BadInputsAreRejectedWithoutThrowing) {
  const std::int64_t now = 1111111111;
  const std::string good = TotpCode(kRfcSecret, now);
  struct Case {
    const char* name;
    std::string secret;
    std::string code;
    std::int64_t time;
  };
  const Case cases[] = {
      {"non-digits", kRfcSecret, "05047a", now},
      {"too short", kRfcSecret, good.substr(0, 5), now},
      {"too long", kRfcSecret, good + "0", now},
      {"eight digit form", kRfcSecret, "07081804", now},
      {"spaces", kRfcSecret, " " + good.substr(1), now},
      {"signed", kRfcSecret, "+50471", now},
      {"empty code", kRfcSecret, "", now},
      {"empty secret", "", good, now},
      {"bad secret characters", "GEZDGNBVGY3TQOJ1", good, now},
      {"bad secret length", "GEZ", good, now},
      {"negative time", kRfcSecret, good, -30},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(VerifyTotp(c.secret, c.code, c.time, kNoStepUsed).has_value()) << c.name;
  }
  EXPECT_TRUE(VerifyTotp(kRfcSecret, good, now, kNoStepUsed).has_value());
}

TEST(Totp, TotpCodeRefusesBadSecrets) {
  for (const char* secret : {"", "GEZDGNBVGY3TQOJ1", "GEZ", "GEZD GNBV", "ÄÖÜ"}) {
    EXPECT_THROW(TotpCode(secret, 59), std::invalid_argument) << secret;
  }
  EXPECT_THROW(TotpCode(kRfcSecret, -1), std::invalid_argument);
  EXPECT_EQ("287082", TotpCode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ====", 59));  // padding
}

TEST(Totp, NewSecretsAreBase32Of160Bits) {
  const std::string first = NewTotpSecret();
  const std::string second = NewTotpSecret();
  EXPECT_EQ(32u, first.size());
  EXPECT_EQ(std::string::npos, first.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"));
  EXPECT_NE(first, second);
  const std::string code = TotpCode(first, 1000);
  EXPECT_TRUE(VerifyTotp(first, code, 1000, kNoStepUsed).has_value());
}

TEST(Totp, OtpauthUriPercentEncodesIssuerAndAccount) {
  struct Case {
    const char* issuer;
    const char* account;
    const char* expected;
  };
  const Case cases[] = {
      {"MAMS", "alice",
       "otpauth://totp/MAMS:alice?secret=JBSWY3DPEHPK3PXP&issuer=MAMS"
       "&algorithm=SHA1&digits=6&period=30"},
      {"大客户管理系统", "张三@gd.chinatelecom.cn",
       "otpauth://totp/%E5%A4%A7%E5%AE%A2%E6%88%B7%E7%AE%A1%E7%90%86%E7%B3%BB%E7%BB%9F:"
       "%E5%BC%A0%E4%B8%89%40gd.chinatelecom.cn?secret=JBSWY3DPEHPK3PXP"
       "&issuer=%E5%A4%A7%E5%AE%A2%E6%88%B7%E7%AE%A1%E7%90%86%E7%B3%BB%E7%BB%9F"
       "&algorithm=SHA1&digits=6&period=30"},
      {"A&B Corp", "x:y",
       "otpauth://totp/A%26B%20Corp:x%3Ay?secret=JBSWY3DPEHPK3PXP"
       "&issuer=A%26B%20Corp&algorithm=SHA1&digits=6&period=30"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.expected, OtpauthUri(c.issuer, c.account, "JBSWY3DPEHPK3PXP")) << c.issuer;
  }
}

}  // namespace
}  // namespace mams::identity
