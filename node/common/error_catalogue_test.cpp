#include "node/common/error_catalogue.h"

#include <gtest/gtest.h>

namespace mams {
namespace {

TEST(PreferredLanguage, FollowsAcceptLanguageWithChineseByDefault) {
  const struct {
    const char* header;
    Language expected;
  } cases[] = {
      {"", Language::kChinese},
      {"zh", Language::kChinese},
      {"zh-CN", Language::kChinese},
      {"zh-Hans", Language::kChinese},
      {"zh-Hans-CN,zh;q=0.9", Language::kChinese},
      {"en", Language::kEnglish},
      {"en-US", Language::kEnglish},
      {"EN-gb", Language::kEnglish},
      {"en-US,en;q=0.9,zh-CN;q=0.8", Language::kEnglish},
      {"zh-CN;q=0.5, en;q=0.8", Language::kEnglish},
      {"en;q=0.5, zh;q=0.8", Language::kChinese},
      {"fr, en;q=0.3", Language::kEnglish},
      {"fr, de", Language::kChinese},
      {"*", Language::kChinese},
      {"en;q=0", Language::kChinese},
      {"en;q=abc", Language::kChinese},
      {"eng", Language::kChinese},
      {"zh, en", Language::kChinese},  // a tie: the first listed
      {" en ; q=1 ", Language::kEnglish},
      {",,;", Language::kChinese},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.expected, PreferredLanguage(c.header)) << '"' << c.header << '"';
  }
}

TEST(FillTemplate, FillsFieldAndParametersAndDropsPartsWithoutValues) {
  const std::vector<ErrorParam> params = {{"min", "1"}, {"max", "20"}, {"empty", ""}};
  EXPECT_EQ("name 为必填项", FillTemplate("{field} 为必填项", "name", {}));
  EXPECT_EQ("长度 1–20", FillTemplate("长度 {min}–{max}", "", params));
  EXPECT_EQ("无效，应为 1 到 20", FillTemplate("无效[，应为 {min} 到 {max}]", "", params));
  EXPECT_EQ("无效", FillTemplate("无效[，可选：{allowed}]", "", params));
  EXPECT_EQ("无效", FillTemplate("无效[：{empty}]", "", params));
  EXPECT_EQ("为必填项", FillTemplate("[{field} ]为必填项", "", {}));
  EXPECT_EQ("no braces", FillTemplate("no braces", "f", params));
}

TEST(FillTemplate, CutsLongValuesAtACharacterBoundary) {
  std::string long_value;
  for (int i = 0; i < 100; ++i) {
    long_value += "客";
  }
  const std::string filled = FillTemplate("<{v}>", "", {{"v", long_value}});
  EXPECT_LT(filled.size(), kMaxErrorParamBytes + 10);
  EXPECT_EQ("<客", filled.substr(0, 4));
  EXPECT_EQ("…>", filled.substr(filled.size() - 4));
}

TEST(ErrorCatalogue, EnglishIsTheThrownMessageAndChineseTheTemplate) {
  const ErrorCatalogue catalogue;
  const ApiError missing(ErrorKind::kUnprocessable, "missing_field", "name is required", "name");
  EXPECT_EQ("name is required", catalogue.MessageFor(missing, Language::kEnglish));
  EXPECT_EQ("name 为必填项", catalogue.MessageFor(missing, Language::kChinese));

  ApiError page(ErrorKind::kBadRequest, "invalid_parameter", "limit must be ...", "limit");
  page.With("min", "1").With("max", "200");
  EXPECT_EQ("查询参数 limit 的值无效，应为 1 到 200 的整数",
            catalogue.MessageFor(page, Language::kChinese));

  const ApiError unknown(ErrorKind::kBadRequest, "no_such_code", "as thrown");
  EXPECT_EQ("as thrown", catalogue.MessageFor(unknown, Language::kChinese));
  const ApiError untold(ErrorKind::kNotFound, "not_found", "");
  EXPECT_EQ("no such resource", catalogue.MessageFor(untold, Language::kEnglish));
}

TEST(ErrorCatalogue, ACodeDeclaredTwiceOrWithoutAMessageStopsTheStart) {
  ErrorCatalogue catalogue;
  EXPECT_THROW(catalogue.Add({{"not_found", "无", "none"}}, "toy"), StartupError);
  EXPECT_THROW(catalogue.Add({{"toy_code", "", "none"}}, "toy"), StartupError);
  catalogue.Add({{"toy_other", "玩具", "toy"}}, "toy");
  ASSERT_NE(nullptr, catalogue.Find("toy_other"));
  EXPECT_EQ("玩具", catalogue.Find("toy_other")->zh);
}

}  // namespace
}  // namespace mams
