#include "modules/identity/password_policy.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "node/common/errors.h"

namespace mams::identity {
namespace {

std::string CodeOf(const PasswordPolicy& policy, const std::string& password,
                   const std::string& username = "") {
  const auto violation = policy.Check(password, username);
  return violation ? violation->code : "ok";
}

std::string Repeat(const std::string& unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) {
    out += unit;
  }
  return out;
}

// Writes `content` to a file in the test temp directory named after the running test.
std::string WriteTempFile(const std::string& content) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string path = ::testing::TempDir() + "mams_" + info->name() + ".txt";
  std::ofstream(path) << content;
  return path;
}

TEST(PasswordPolicy, AcceptsGoodPasswords) {
  const PasswordPolicy policy(PasswordPolicyConfig{});
  const std::vector<std::string> passwords = {
      "correct horse battery staple", "大客户管理系统很安全的口令呀", "Tr0ub4dor&3xyz",
      Repeat("大客户管理系统很安全的口令呀", 9).substr(0, 128 * 3), "abcdefghijkm"};
  for (const std::string& password : passwords) {
    EXPECT_EQ("ok", CodeOf(policy, password, "zhangsan")) << password;
  }
}

TEST(PasswordPolicy, EachViolationCode) {
  struct Case {
    std::string password;
    int required_classes;
    const char* code;
  };
  const Case cases[] = {
      {"short pass1", 0, "too_short"},
      {"大客户管理系统很安全的", 0, "too_short"},  // 11 code points, 33 bytes
      {Repeat("a1", 64) + "b", 0, "too_long"},
      {Repeat("大客户管理系统很安全的口令呀", 10).substr(0, 129 * 3), 0, "too_long"},
      {"my zhangsan password!", 0, "contains_username"},
      {"onlylowercaseletters", 2, "too_few_classes"},
      {"123456789012", 0, "common_password"},
      {"123456789012!", 0, "common_password"},
      {"abcdefghijkl", 0, "common_password"},
      {"ZYXWVUTSRQPO", 0, "common_password"},
      {"lkjhgfdsapoiuy", 0, "common_password"},
      {"Qwertyuiopasdfghjkl", 0, "common_password"},
      {"Abcdefghijkl2024!", 2, "common_password"},
      {"aaaaaaaaaaaa1", 2, "common_password"},
      {"密密密密密密密密密密密密", 0, "common_password"},
      {"\xff-password-1", 0, "invalid_utf8"},
      {"\xc0\xaf-password-1", 0, "invalid_utf8"},              // overlong '/'
      {"\xed\xa0\x80-password-1", 0, "invalid_utf8"},          // surrogate
      {"\xf8\x88\x80\x80\x80-password-1", 0, "invalid_utf8"},  // 5-byte form
      {"password-1-\xe5\xa4", 0, "invalid_utf8"},              // truncated
  };
  for (const Case& c : cases) {
    PasswordPolicyConfig config;
    config.required_classes = c.required_classes;
    EXPECT_EQ(c.code, CodeOf(PasswordPolicy(config), c.password, "zhangsan")) << c.password;
  }
}

TEST(PasswordPolicy, RepeatedCharactersAndSequencesWithoutClassRule) {
  const PasswordPolicy policy(PasswordPolicyConfig{});
  for (const std::string password : {"aaaaaaaaaaaa", "密密密密密密密密密密密密", "111111111111!",
                                     "210987654321", "mnbvcxzlkjhgfdsa"}) {
    EXPECT_EQ("common_password", CodeOf(policy, password)) << password;
  }
}

TEST(PasswordPolicy, MessagesNameTheRuleAndNumber) {
  const PasswordPolicy policy(PasswordPolicyConfig{});
  const auto violation = policy.Check("too short", "");
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ("password must have at least 12 characters", violation->message);
  EXPECT_EQ("密码至少需要 12 个字符", violation->message_zh);
  const auto too_long = policy.Check(std::string(129, 'x'), "");
  ASSERT_TRUE(too_long.has_value());
  EXPECT_EQ("password must have at most 128 characters", too_long->message);
  EXPECT_EQ("密码最多只能有 128 个字符", too_long->message_zh);
}

TEST(PasswordPolicy, UsernameContainment) {
  const PasswordPolicy policy(PasswordPolicyConfig{});
  struct Case {
    const char* password;
    const char* username;
    const char* code;
  };
  const Case cases[] = {
      {"Zhangsan-likes-tea", "zhangsan", "contains_username"},
      {"tea-for-ZHANGSAN-please", "ZhangSan", "contains_username"},
      {"我是张三丰我很喜欢喝茶呀", "张三丰", "contains_username"},
      {"我是张三我喜欢喝茶呀呀呀", "张三", "ok"},  // 2 code points: not checked
      {"ab-is-my-long-password", "ab", "ok"},      // 2 characters: not checked
      {"correct horse battery staple", "", "ok"},
      {"correct horse battery staple", "zhangsan", "ok"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.code, CodeOf(policy, c.password, c.username)) << c.password;
  }
}

TEST(PasswordPolicy, RequiredClasses) {
  PasswordPolicyConfig config;
  config.required_classes = 3;
  const PasswordPolicy policy(config);
  const std::pair<const char*, const char*> cases[] = {
      {"alllowercaseletters", "too_few_classes"},
      {"lower case and spaces", "too_few_classes"},
      {"大客户管理系统很安全的口令呀", "too_few_classes"},
      {"Lower case and spaces", "ok"},
      {"lower case 4nd spaces", "ok"},
      {"大客户管理系统很安全的口令Ab", "ok"},
      {"UPPER2024lower", "ok"},
  };
  for (const auto& [password, code] : cases) {
    EXPECT_EQ(code, CodeOf(policy, password)) << password;
  }
  const auto violation = policy.Check("alllowercaseletters", "");
  ASSERT_TRUE(violation.has_value());
  EXPECT_NE(std::string::npos, violation->message.find("at least 3 of these 4"));
  EXPECT_NE(std::string::npos, violation->message_zh.find("至少 3 类"));
}

TEST(PasswordPolicy, BlocklistFromFile) {
  PasswordPolicyConfig config;
  config.blocklist_file =
      WriteTempFile("# a comment\n  Password  \ndragon\r\n\nWOAINI1314\nwoaini\n");
  config.use_builtin_list = false;  // only the file's entries
  const PasswordPolicy policy(config);
  EXPECT_EQ(4u, policy.blocklist_size());
  const std::pair<const char*, const char*> cases[] = {
      {"Password1234!", "common_password"},     // base after stripping "1234!"
      {"PASSWORD 2024 !!", "common_password"},  // trailing spaces count as symbols
      {"woaini1314woaini", "common_password"},  // two entries joined
      {"dragondragon", "common_password"},
      {"woaini1314!!", "common_password"},
      {"my dragon is green", "ok"},
      {"passwordx1234", "ok"},
      {"1234password", "ok"},
      {"# a comment here", "ok"},
  };
  for (const auto& [password, code] : cases) {
    EXPECT_EQ(code, CodeOf(policy, password)) << password;
  }
}

TEST(PasswordPolicy, BuiltinListIsCompiledIn) {
  const PasswordPolicy policy(PasswordPolicyConfig{});
  EXPECT_GT(policy.blocklist_size(), 500u);
  EXPECT_EQ("common_password", CodeOf(policy, "ChinaTelecom2024!"));
}

TEST(PasswordPolicy, UnreadableBlocklistIsAStartupError) {
  for (const std::string& path :
       {::testing::TempDir() + "mams_no_such_blocklist.txt", ::testing::TempDir()}) {
    PasswordPolicyConfig config;
    config.blocklist_file = path;
    try {
      const PasswordPolicy policy(config);
      ADD_FAILURE() << "no error for " << path;
    } catch (const StartupError& error) {
      EXPECT_NE(std::string::npos, std::string(error.what()).find(path)) << error.what();
    }
  }
}

TEST(PasswordPolicy, InconsistentConfigIsAStartupError) {
  struct Case {
    int min_length;
    int max_length;
    int required_classes;
  };
  for (const Case& c : {Case{0, 128, 0}, Case{12, 11, 0}, Case{12, 128, -1}, Case{12, 128, 5}}) {
    PasswordPolicyConfig config;
    config.min_length = c.min_length;
    config.max_length = c.max_length;
    config.required_classes = c.required_classes;
    EXPECT_THROW(PasswordPolicy{config}, StartupError) << c.min_length << " " << c.max_length;
  }
}

TEST(PasswordPolicy, ShippedBlocklist) {
#ifdef MAMS_SOURCE_DIR
  PasswordPolicyConfig config;
  config.blocklist_file = std::string(MAMS_SOURCE_DIR) + "/config/common-passwords.txt";
  const PasswordPolicy policy(config);
  EXPECT_LE(400u, policy.blocklist_size());
  for (const char* password :
       {"Password1234!", "woaini1314woaini", "1qaz2wsx3edc", "P@ssw0rd2024!", "Admin@123456",
        "chinatelecom2024", "iloveyou5201314", "Huawei@123456"}) {
    EXPECT_EQ("common_password", CodeOf(policy, password)) << password;
  }
  for (const char* password :
       {"correct horse battery staple", "Tr0ub4dor&3xyz", "大客户管理系统很安全的口令呀"}) {
    EXPECT_EQ("ok", CodeOf(policy, password)) << password;
  }
#else
  GTEST_SKIP() << "MAMS_SOURCE_DIR is not defined";
#endif
}

}  // namespace
}  // namespace mams::identity
