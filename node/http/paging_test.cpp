#include "node/http/paging.h"

#include <gtest/gtest.h>

#include "node/common/errors.h"

namespace mams::http {
namespace {

HttpRequest WithQuery(std::vector<std::pair<std::string, std::string>> query) {
  HttpRequest request;
  request.query = std::move(query);
  return request;
}

const PageSpec kSpec{20, 100, {"code", "name"}, "code"};

TEST(Paging, DefaultsAndDescendingSort) {
  const auto defaults = ParsePage(WithQuery({}), kSpec);
  EXPECT_EQ(20, defaults.limit);
  EXPECT_EQ(0, defaults.offset);
  EXPECT_EQ("code", defaults.sort_field);
  EXPECT_FALSE(defaults.descending);
  const auto page = ParsePage(WithQuery({{"limit", "100"}, {"offset", "40"}, {"sort", "-name"}}), kSpec);
  EXPECT_EQ(100, page.limit);
  EXPECT_EQ(40, page.offset);
  EXPECT_EQ("name", page.sort_field);
  EXPECT_TRUE(page.descending);
}

TEST(Paging, RejectsBadValuesNamingTheParameter) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"limit", "0"}, {"limit", "101"}, {"limit", "1e3"}, {"limit", ""}, {"offset", "-5"},
      {"offset", "99999999999999999999"}, {"sort", "password"}, {"sort", "-"}};
  for (const auto& [name, value] : bad) {
    try {
      ParsePage(WithQuery({{name, value}}), kSpec);
      ADD_FAILURE() << name << "=" << value << " accepted";
    } catch (const ApiError& e) {
      EXPECT_EQ(ErrorKind::kBadRequest, e.kind());
      EXPECT_EQ(name, e.field());
    }
  }
}

TEST(Paging, ListResponseCarriesTotalInBodyAndHeader) {
  const auto response = ListResponse("[1,2]", 7, PageRequest{2, 4, "", false});
  EXPECT_EQ("{\"items\":[1,2],\"total\":7,\"limit\":2,\"offset\":4}", response.body);
  ASSERT_EQ(1u, response.headers.size());
  EXPECT_EQ("X-Total-Count", response.headers[0].first);
  EXPECT_EQ("7", response.headers[0].second);
}

}  // namespace
}  // namespace mams::http
