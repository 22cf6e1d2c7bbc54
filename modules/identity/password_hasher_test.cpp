#include "modules/identity/password_hasher.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace mams::identity {
namespace {

constexpr int kFastIterations = 1000;

TEST(PasswordHasher, RoundTrip) {
  const std::string encoded = HashPassword("correct horse battery staple", kFastIterations);
  EXPECT_EQ(0u, encoded.rfind("pbkdf2-sha256$1000$", 0)) << encoded;
  const PasswordCheck check =
      VerifyPassword("correct horse battery staple", encoded, kFastIterations);
  EXPECT_TRUE(check.ok);
  EXPECT_FALSE(check.needs_rehash);
}

TEST(PasswordHasher, RoundTripWithChineseAndEmptyPasswords) {
  for (const std::string password : {"大客户管理系统很安全的口令呀", ""}) {
    const std::string encoded = HashPassword(password, kFastIterations);
    EXPECT_TRUE(VerifyPassword(password, encoded, kFastIterations).ok) << password;
  }
}

TEST(PasswordHasher, RejectsWrongPassword) {
  const std::string encoded = HashPassword("correct horse battery staple", kFastIterations);
  for (const std::string wrong : {"correct horse battery stapl", "Correct horse battery staple",
                                  "correct horse battery staple ", ""}) {
    const PasswordCheck check = VerifyPassword(wrong, encoded, kFastIterations);
    EXPECT_FALSE(check.ok) << wrong;
    EXPECT_FALSE(check.needs_rehash) << wrong;
  }
}

TEST(PasswordHasher, NeedsRehashWhenIterationsGrew) {
  const std::string encoded = HashPassword("s3cret-enough", kFastIterations);
  EXPECT_TRUE(VerifyPassword("s3cret-enough", encoded, kFastIterations + 1).needs_rehash);
  EXPECT_FALSE(VerifyPassword("s3cret-enough", encoded, kFastIterations - 1).needs_rehash);
  // A wrong password never asks for a rehash.
  EXPECT_FALSE(VerifyPassword("wrong", encoded, kFastIterations + 1).needs_rehash);
}

TEST(PasswordHasher, MalformedEncodingsAreNotOk) {
  const std::string good = HashPassword("pw", kFastIterations);
  const std::string tail = good.substr(good.find('$', good.find('$') + 1));  // "$salt$key"
  const std::string salt_and_key = tail.substr(1);
  const std::string salt = salt_and_key.substr(0, salt_and_key.find('$'));
  const std::string key = salt_and_key.substr(salt_and_key.find('$') + 1);
  struct Case {
    const char* name;
    std::string encoded;
  };
  const Case cases[] = {
      {"empty", ""},
      {"short", "x$1$2$3"},
      {"wrong scheme", "pbkdf2-sha1$1000" + tail},
      {"bcrypt", "$2b$12$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui"},
      {"non-numeric iterations", "pbkdf2-sha256$1k" + tail},
      {"negative iterations", "pbkdf2-sha256$-1000" + tail},
      {"zero iterations", "pbkdf2-sha256$0" + tail},
      {"huge iterations", "pbkdf2-sha256$99999999999" + tail},
      {"missing key", "pbkdf2-sha256$1000$" + salt},
      {"extra field", good + "$AAAA"},
      {"bad base64 salt", "pbkdf2-sha256$1000$@@@@$" + key},
      {"bad base64 key", "pbkdf2-sha256$1000$" + salt + "$" + key.substr(1)},
      {"empty salt", "pbkdf2-sha256$1000$$" + key},
      {"short key", "pbkdf2-sha256$1000$" + salt + "$AAAA"},
      {"whitespace in key", "pbkdf2-sha256$1000$" + salt + "$ " + key.substr(1)},
  };
  for (const Case& c : cases) {
    const PasswordCheck check = VerifyPassword("pw", c.encoded, kFastIterations);
    EXPECT_FALSE(check.ok) << c.name;
    EXPECT_FALSE(check.needs_rehash) << c.name;
  }
  EXPECT_TRUE(VerifyPassword("pw", good, kFastIterations).ok);
}

TEST(PasswordHasher, SaltMakesHashesDiffer) {
  const std::string first = HashPassword("same password", kFastIterations);
  const std::string second = HashPassword("same password", kFastIterations);
  EXPECT_NE(first, second);
  EXPECT_TRUE(VerifyPassword("same password", first, kFastIterations).ok);
  EXPECT_TRUE(VerifyPassword("same password", second, kFastIterations).ok);
}

TEST(PasswordHasher, RejectsNonPositiveIterations) {
  EXPECT_THROW(HashPassword("pw", 0), std::invalid_argument);
  EXPECT_THROW(HashPassword("pw", -5), std::invalid_argument);
}

TEST(PasswordHasher, SpendVerificationTimeNeverThrows) {
  EXPECT_NO_THROW(SpendVerificationTime(kFastIterations));
  EXPECT_NO_THROW(SpendVerificationTime(0));
}

// The only test at the production cost (about a quarter of a second).
TEST(PasswordHasher, ProductionIterationsAreEncoded) {
  const std::string encoded = HashPassword("correct horse battery staple", kMinPasswordIterations);
  EXPECT_EQ(0u, encoded.rfind("pbkdf2-sha256$600000$", 0)) << encoded;
}

}  // namespace
}  // namespace mams::identity
