#include "node/http/http_types.h"

#include <gtest/gtest.h>

namespace mams::http {
namespace {

TEST(HttpRequest, HeaderGivesTheLastValueOfANameOrEmpty) {
  HttpRequest request;
  request.headers = {
      {"authorization", "Bearer first"}, {"host", "127.0.0.1"}, {"authorization", "Bearer second"}};
  // A name sent twice: the last value, as a map assigned in order of arrival kept it.
  EXPECT_EQ("Bearer second", request.Header("authorization"));
  EXPECT_EQ("127.0.0.1", request.Header("host"));
  EXPECT_EQ("", request.Header("cookie"));
  EXPECT_EQ("", request.Header("Host"));  // names are stored and asked for in lower case
}

TEST(HttpRequest, QueryGivesTheFirstValueOfAName) {
  HttpRequest request;
  request.query = {{"org", "440000"}, {"org", "110000"}};
  EXPECT_EQ("440000", request.Query("org").value_or(""));
  EXPECT_FALSE(request.Query("state").has_value());
}

}  // namespace
}  // namespace mams::http
