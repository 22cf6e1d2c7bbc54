#include "node/http/router.h"

#include <gtest/gtest.h>

namespace mams::http {
namespace {

Route Make(const std::string& method, const std::string& pattern) {
  return {method, pattern, "test:read", [](const HttpRequest&) { return HttpResponse{}; }, ""};
}

TEST(Router, MatchesLiteralsAndParameters) {
  Router router;
  router.Add(Make("GET", "/api/v1/orgs"));
  router.Add(Make("GET", "/api/v1/orgs/{code}"));
  router.Add(Make("GET", "/api/v1/orgs/{code}/children/{child}"));
  const auto match = router.Find("GET", "/api/v1/orgs/440000/children/440100");
  ASSERT_NE(nullptr, match.route);
  EXPECT_EQ(2u, match.index);
  EXPECT_EQ("440000", match.params.at("code"));
  EXPECT_EQ("440100", match.params.at("child"));
  EXPECT_EQ(0u, router.Find("GET", "/api/v1/orgs/").index);  // trailing slash is the same path
  EXPECT_EQ(nullptr, router.Find("GET", "/api/v1").route);
  EXPECT_EQ(nullptr, router.Find("GET", "/api/v1/orgs/a/b").route);
}

TEST(Router, LiteralSegmentBeatsParameterWhateverTheOrder) {
  Router router;
  router.Add(Make("GET", "/api/v1/orgs/{code}"));
  router.Add(Make("GET", "/api/v1/orgs/tree"));
  EXPECT_EQ("/api/v1/orgs/tree", router.Find("GET", "/api/v1/orgs/tree").route->pattern);
  EXPECT_EQ("/api/v1/orgs/{code}", router.Find("GET", "/api/v1/orgs/CN").route->pattern);
}

TEST(Router, LongerLiteralBeginningWinsAndTheFirstAddedAmongEquals) {
  Router router;
  router.Add(Make("GET", "/a/{x}/c"));
  router.Add(Make("GET", "/a/b/{y}"));
  router.Add(Make("GET", "/a/{p}/{q}"));
  router.Add(Make("POST", "/a/{p}/{q}"));
  EXPECT_EQ("/a/b/{y}", router.Find("GET", "/a/b/c").route->pattern);
  EXPECT_EQ("c", router.Find("GET", "/a/b/c").params.at("y"));
  // /a/{x}/c and /a/{p}/{q} both have one literal before a parameter: the first added wins.
  const auto tie = router.Find("GET", "/a/z/c");
  EXPECT_EQ("/a/{x}/c", tie.route->pattern);
  EXPECT_EQ((std::map<std::string, std::string>{{"x", "z"}}), tie.params);
  EXPECT_EQ("/a/{p}/{q}", router.Find("GET", "/a/z/d").route->pattern);
  EXPECT_EQ("/a/{p}/{q}", router.Find("POST", "/a/b/c").route->pattern);
  EXPECT_EQ(nullptr, router.Find("GET", "/a/b").route);
  EXPECT_EQ(nullptr, router.Find("GET", "/a/b/c/d").route);
  EXPECT_EQ(nullptr, router.Find("GET", "/b/b/c").route);
}

TEST(Router, ReportsAllowedMethodsWhenOnlyTheMethodDiffers) {
  Router router;
  router.Add(Make("GET", "/x/{id}"));
  router.Add(Make("PATCH", "/x/{id}"));
  const auto match = router.Find("DELETE", "/x/1");
  EXPECT_EQ(nullptr, match.route);
  EXPECT_EQ((std::vector<std::string>{"GET", "PATCH"}), match.allowed);
  EXPECT_TRUE(router.Find("DELETE", "/y").allowed.empty());
  router.Add(Make("PUT", "/x/list"));
  // Every pattern the path matches counts, in the order the routes were added.
  EXPECT_EQ((std::vector<std::string>{"GET", "PATCH", "PUT"}),
            router.Find("DELETE", "/x/list").allowed);
}

TEST(Router, RefusesDuplicatesMissingPermissionAndRelativePatterns) {
  Router router;
  router.Add(Make("GET", "/a/{x}"));
  EXPECT_THROW(router.Add(Make("GET", "/a/{x}")), std::invalid_argument);
  EXPECT_THROW(router.Add(Make("GET", "a")), std::invalid_argument);
  Route no_permission = Make("GET", "/b");
  no_permission.permission.clear();
  EXPECT_THROW(router.Add(no_permission), std::invalid_argument);
}

}  // namespace
}  // namespace mams::http
