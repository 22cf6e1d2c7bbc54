#include "node/common/error_table.h"

#include <gtest/gtest.h>

#include "node/common/errors.h"

namespace mams {
namespace {

TEST(ErrorTable, ReadsCodesAndBothTemplatesInFileOrder) {
  const ErrorTable table("t.yaml", R"(
# A comment.
not_found:
  zh: "找不到"
  en: no such thing
too_long:
  zh: 最多[ {max} ]个字符
  en: "at most {max} characters"
)");
  ASSERT_EQ(2u, table.messages().size());
  EXPECT_EQ("not_found", table.messages()[0].code);
  EXPECT_EQ("找不到", table.messages()[0].zh);
  EXPECT_EQ("no such thing", table.messages()[0].en);
  EXPECT_EQ("too_long", table.messages()[1].code);
  EXPECT_EQ("最多[ {max} ]个字符", table.messages()[1].zh);
}

TEST(ErrorTable, RefusesAMalformedTableNamingTheFileLineAndCode) {
  const struct {
    const char* yaml;
    const char* expected;  // a part of the StartupError's message
  } cases[] = {
      {"a: [", "t.yaml:1:"},
      {"- a\n- b\n", "expected a mapping"},
      {"a:\n  zh: 甲\n", "t.yaml:2:3: a.en: required key is missing"},
      {"a:\n  zh: 甲\n  en: \"\"\n", "a.en: must not be empty"},
      {"a:\n  zh: 甲\n  en: a\n  fr: a\n", "a.fr: unknown key"},
      {"a: text\n", "a: expected a mapping"},
      {"Bad-code:\n  zh: 甲\n  en: a\n", "t.yaml:1:1: Bad-code: a code is"},
      {"a:\n  zh: 甲\n  en: a\nb:\n  zh: 乙\n  en: b\na:\n  zh: 丙\n  en: c\n",
       "t.yaml:7:1: a: declared twice"},
      {"a:\n  zh: \"[[甲]]\"\n  en: a\n", "must pair up"},
      {"a:\n  zh: 甲\n  en: \"{max\"\n", "must pair up"},
  };
  for (const auto& c : cases) {
    try {
      const ErrorTable table("t.yaml", c.yaml);
      ADD_FAILURE() << "accepted: " << c.yaml;
    } catch (const StartupError& e) {
      EXPECT_NE(std::string::npos, std::string(e.what()).find(c.expected))
          << c.yaml << " → " << e.what();
    }
  }
}

}  // namespace
}  // namespace mams
