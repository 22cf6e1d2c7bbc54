// Error messages in the language the request asks for, on both backends: Chinese by
// default (as the console), English with Accept-Language: en; code, field and request id
// the same in both.
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include "tests/support/accounts_fixture.h"

namespace mams {
namespace {

using testing::HttpResult;
using testing::Json;
using ErrorLanguageTest = testing::AccountsTest;

Poco::JSON::Object::Ptr ErrorOf(const HttpResult& result) {
  return Json(result.body)->getObject("error");
}

std::string Text(const Poco::JSON::Object::Ptr& object, const std::string& name) {
  return object->optValue<std::string>(name, "");
}

TEST_P(ErrorLanguageTest, TheSameBadRequestAnswersChineseByDefaultAndEnglishWhenAsked) {
  const struct {
    std::string body;
    std::string code;
    std::string field;
    std::string chinese;
    std::string english;
  } cases[] = {
      {R"({"creditCode":"91440300708461136T","industry":"I","level":"local","org":"440100"})",
       "missing_field", "name", "name 为必填项", "name is required"},
      {Body("北京客户", "91440300708461136T", "110000"), "org_out_of_scope", "org",
       "机构 110000 不在您的管辖范围内", "org '110000' is not in your scope"},
      {Body("广州客户", "91440300708461136T", "440100", R"(,"colour":"red")"), "unknown_field",
       "colour", "不认识的字段 colour", "colour is not a known field"},
      {R"({"name":"x","creditCode":"91440300708461136T","industry":"I","level":"city","org":"440100"})",
       "invalid_level", "level", "客户级别须为集团、省级或地市级（group、province、local）",
       "level: group, province or local"},
  };
  for (const auto& c : cases) {
    // An empty Accept-Language is as good as none: the default language.
    for (const std::string language : {"", "zh-CN,zh;q=0.9,en;q=0.8", "en-US,en;q=0.9"}) {
      const HttpResult result = Call(gd_manager_, "POST", "/api/v1/customers", c.body,
                                     {{"Accept-Language", language}, {"X-Request-Id", "lang-1"}});
      ASSERT_EQ(422, result.status) << result.body;
      const auto error = ErrorOf(result);
      EXPECT_EQ(c.code, Text(error, "code")) << result.body;
      EXPECT_EQ(c.field, Text(error, "field")) << result.body;
      EXPECT_EQ("lang-1", Text(error, "requestId")) << result.body;
      EXPECT_EQ(language.rfind("en", 0) == 0 ? c.english : c.chinese, Text(error, "message"))
          << language << ": " << result.body;
    }
  }
}

TEST_P(ErrorLanguageTest, RefusalsBeforeTheHandlerAndTmfErrorsAreLocalisedToo) {
  const auto anonymous = [&](const std::string& language) {
    return testing::HttpCall(runtime_->http_port(), "GET", "/api/v1/customers", "",
                             {{"Accept-Language", language}});
  };
  EXPECT_EQ("请先登录", Text(ErrorOf(anonymous("zh")), "message"));
  EXPECT_EQ("log in first (unauthenticated)", Text(ErrorOf(anonymous("en")), "message"));

  const auto paging =
      Call(gd_manager_, "GET", "/api/v1/customers?limit=0", "", {{"Accept-Language", "zh"}});
  EXPECT_EQ(400, paging.status);
  EXPECT_NE(std::string::npos, Text(ErrorOf(paging), "message").find("limit 的值无效，应为 1 到"))
      << paging.body;

  const std::string tmf = "/tmf-api/customerManagement/v4/customer";
  for (const auto& [language, reason] :
       {std::pair<std::string, std::string>{"zh", "name 为必填项"}, {"en", "name is required"}}) {
    const auto result =
        Call(gd_manager_, "POST", tmf,
             R"({"engagedParty":{"id":"91440300708461136T","@referredType":"Organization"}})",
             {{"Accept-Language", language}});
    ASSERT_EQ(422, result.status) << result.body;
    const auto error = Json(result.body);
    EXPECT_EQ("missing_field", Text(error, "code"));
    EXPECT_EQ(reason, Text(error, "reason")) << result.body;
    EXPECT_EQ(0u, Text(error, "message").find("attribute: name; requestId: ")) << result.body;
  }
}

MAMS_TEST_ON_BOTH_BACKENDS(ErrorLanguageTest);

}  // namespace
}  // namespace mams
