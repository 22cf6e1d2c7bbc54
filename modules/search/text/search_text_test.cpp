#include "modules/search/api/search_text.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "modules/search/text/pinyin.h"

namespace mams::search {
namespace {

bool Has(const std::set<std::string>& terms, const std::string& term) {
  return terms.count(term) == 1;
}

// Whether a text's index terms satisfy a query, as the index answers it.
bool Finds(std::string_view query, std::string_view text) {
  const auto terms = IndexTerms(text);
  const auto plan = PlanQuery(query);
  return std::any_of(plan.alternatives.begin(), plan.alternatives.end(), [&](const auto& all) {
    return std::all_of(all.begin(), all.end(), [&](const TermMatch& need) {
      if (!need.prefix) {
        return Has(terms, need.term);
      }
      const auto at = terms.lower_bound(need.term);
      return at != terms.end() && at->compare(0, need.term.size(), need.term) == 0;
    });
  });
}

TEST(Pinyin, ReadsCharactersWithoutTonesMostCommonFirst) {
  // A second reading only for the characters that need one in names (gen_pinyin_table.py).
  EXPECT_EQ(PinyinOf(U'广'), (std::vector<std::string_view>{"guang"}));
  EXPECT_EQ(PinyinOf(U'重'), (std::vector<std::string_view>{"zhong", "chong"}));
  EXPECT_EQ(PinyinOf(U'行'), (std::vector<std::string_view>{"xing", "hang"}));
  EXPECT_EQ(PinyinOf(U'绿'), (std::vector<std::string_view>{"lv", "lu"}));
  EXPECT_TRUE(PinyinOf(U'a').empty());
}

TEST(Pinyin, SplitsLettersIntoFewestSyllablesLastOneUnfinished) {
  EXPECT_EQ(SplitPinyin("guangzhou"), (std::vector<std::string>{"guang", "zhou"}));
  EXPECT_EQ(SplitPinyin("xian"), (std::vector<std::string>{"xian"}));
  EXPECT_EQ(SplitPinyin("guangzh"), (std::vector<std::string>{"guang", "zh"}));
  EXPECT_EQ(SplitPinyin("gzmz"), std::nullopt);
  EXPECT_EQ(SplitPinyin(""), std::nullopt);
}

TEST(SearchText, IndexesPairsLastCharacterPinyinAndInitials) {
  const auto terms = IndexTerms("广州市民政局");
  for (const char* term : {"h:广州", "h:州市", "h:政局", "h:局", "p:guang zhou", "p:ju", "i:gz",
                           "i:sm", "i:j"}) {
    EXPECT_TRUE(Has(terms, term)) << term;
  }
  EXPECT_FALSE(Has(terms, "h:广"));
}

TEST(SearchText, FoldsFullWidthAndCaseAndSplitsScripts) {
  const auto terms = IndexTerms("ＩＢＭ中国 Co.,Ltd 2024");
  for (const char* term : {"w:ibm", "h:中国", "w:co", "w:ltd", "w:2024"}) {
    EXPECT_TRUE(Has(terms, term)) << term;
  }
}

struct Case {
  const char* query;
  const char* text;
  bool found;
};

class SearchTextFinds : public ::testing::TestWithParam<Case> {};

TEST_P(SearchTextFinds, AsAPersonWouldExpect) {
  const auto& c = GetParam();
  EXPECT_EQ(Finds(c.query, c.text), c.found) << c.query << " in " << c.text;
}

// Cases are named by their place in the list: the queries are not valid test names.
INSTANTIATE_TEST_SUITE_P(
    Cases, SearchTextFinds,
    ::testing::Values(
        // Two characters and longer, anywhere in the name.
        Case{"科技", "深圳市腾讯计算机系统科技有限公司", true},
        Case{"民政局", "广州市民政局", true}, Case{"民政", "广州市公安局", false},
        Case{"局", "广州市民政局", true}, Case{"州", "广州市民政局", true},
        Case{"政民", "广州市民政局", false},
        // Pinyin initials in pairs, pinyin in full, the last syllable unfinished.
        Case{"gzmz", "广州市民政局", true}, Case{"gzs", "广州市民政局", true},
        Case{"gzmzj", "广州市民政局", true}, Case{"shmz", "广州市民政局", false},
        Case{"guangzhou", "广州市民政局", true}, Case{"minzheng", "广州市民政局", true},
        Case{"guangzh", "广州市民政局", true}, Case{"shanghai", "广州市民政局", false},
        Case{"yinhang", "招商银行", true}, Case{"yinxing", "招商银行", true},
        // Mixed scripts, Latin by word start, numbers by prefix, case and width folded.
        Case{"ibm 中国", "IBM中国有限公司", true}, Case{"ＩＢＭ", "ibm", true},
        Case{"bm", "IBM", false}, Case{"9144", "91440101MA5CXXXX1X", true},
        Case{"c 2024", "C-2024-0001", true},
        // Traditional and simplified are different characters.
        Case{"廣州", "广州市民政局", false},
        // Nothing to look for: finds nothing.
        Case{"，。！？", "广州市民政局", false}, Case{"", "广州市民政局", false}),
    [](const ::testing::TestParamInfo<Case>& param) { return "Case" + std::to_string(param.index); });

TEST(SearchText, PhoneNumbersAreFoundWholeOnly) {
  auto terms = IndexTerms("张三");
  terms.insert(WholeTerm("138-0013-8000"));
  const auto plan = PlanQuery("13800138000");
  EXPECT_TRUE(Has(terms, "t:13800138000"));
  ASSERT_EQ(plan.alternatives.size(), 2U);
  EXPECT_EQ(plan.alternatives[1], (std::vector<TermMatch>{{"t:13800138000", false}}));
}

TEST(SearchText, AHugeQueryIsCutAndBounded) {
  const std::string huge(10000, 'a');
  const auto plan = PlanQuery(huge);
  EXPECT_TRUE(plan.truncated);
  EXPECT_LE(plan.alternatives.size(), kMaxAlternatives);
  for (const auto& all : plan.alternatives) {
    EXPECT_LE(all.size(), kMaxTermsPerAlternative);
    for (const auto& term : all) {
      EXPECT_LE(term.term.size(), kMaxTermBytes);
    }
  }
  std::string many;
  for (int i = 0; i < 40; ++i) {
    many += "ab 中国 ";
  }
  EXPECT_LE(PlanQuery(many).alternatives.size(), kMaxAlternatives);
}

TEST(SearchText, InvalidUtf8IsASeparator) {
  EXPECT_TRUE(Has(IndexTerms("ab\xFF\xFE" "cd"), "w:cd"));
  EXPECT_TRUE(PlanQuery("\xE4\xB8").alternatives.empty());
}

}  // namespace
}  // namespace mams::search
