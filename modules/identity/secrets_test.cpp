#include "modules/identity/secrets.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace mams::identity {
namespace {

bool AllIn(const std::string& text, std::string_view alphabet) {
  return text.find_first_not_of(alphabet) == std::string::npos;
}

constexpr std::string_view kBase64UrlChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

TEST(Secrets, RandomTokenLengthsAndAlphabet) {
  struct Case {
    int bytes;
    std::size_t chars;
  };
  for (const Case& c : {Case{1, 2}, Case{2, 3}, Case{3, 4}, Case{16, 22}, Case{32, 43}}) {
    const std::string token = RandomToken(c.bytes);
    EXPECT_EQ(c.chars, token.size()) << c.bytes;
    EXPECT_TRUE(AllIn(token, kBase64UrlChars)) << token;
  }
  EXPECT_THROW(RandomToken(0), std::invalid_argument);
  EXPECT_THROW(RandomToken(-1), std::invalid_argument);
}

TEST(Secrets, RandomTokensAreUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    seen.insert(RandomToken(32));
  }
  EXPECT_EQ(1000u, seen.size());
}

TEST(Secrets, HashTokenKnownVectors) {
  EXPECT_EQ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HashToken("abc"));
  EXPECT_EQ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HashToken(""));
}

TEST(Secrets, RecoveryCodesShapeAlphabetAndUniqueness) {
  const auto codes = NewRecoveryCodes(1000);
  ASSERT_EQ(1000u, codes.size());
  std::set<std::string> seen;
  for (const std::string& code : codes) {
    ASSERT_EQ(14u, code.size()) << code;
    EXPECT_EQ('-', code[4]) << code;
    EXPECT_EQ('-', code[9]) << code;
    const std::string chars = code.substr(0, 4) + code.substr(5, 4) + code.substr(10, 4);
    EXPECT_TRUE(AllIn(chars, "abcdefghjkmnpqrstuvwxyz23456789")) << code;
    EXPECT_EQ(chars, NormaliseRecoveryCode(code));
    seen.insert(code);
  }
  EXPECT_EQ(1000u, seen.size());
  EXPECT_TRUE(NewRecoveryCodes(0).empty());
  EXPECT_THROW(NewRecoveryCodes(-1), std::invalid_argument);
}

TEST(Secrets, NormaliseRecoveryCode) {
  EXPECT_EQ("abcdefghjkmn", NormaliseRecoveryCode("ABCD EFGH-JKMN"));
  EXPECT_EQ("abcdefghjkmn", NormaliseRecoveryCode("abcd-efgh-jkmn"));
  EXPECT_EQ("abcdefghjkmn", NormaliseRecoveryCode(" abcd  efgh--jkmn "));
  EXPECT_EQ("", NormaliseRecoveryCode(""));
}

TEST(Secrets, ConstantTimeEquals) {
  struct Case {
    const char* a;
    const char* b;
    bool equal;
  };
  const Case cases[] = {
      {"", "", true},         {"abc", "abc", true}, {"abc", "abd", false}, {"abc", "abcd", false},
      {"abcd", "abc", false}, {"", "a", false},     {"Abc", "abc", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.equal, ConstantTimeEquals(c.a, c.b)) << c.a << " vs " << c.b;
  }
  EXPECT_TRUE(ConstantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

}  // namespace
}  // namespace mams::identity
