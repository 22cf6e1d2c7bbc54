#include "node/http/json.h"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <limits>

namespace mams::http {
namespace {

Poco::JSON::Object::Ptr Parse(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

TEST(ErrorBodyFor, NativeBodyOutsideTmfApi) {
  const auto body =
      Parse(ErrorBodyFor("/api/v1/customers/x", 404, "not_found", "no such customer", "", "req-1"));
  ASSERT_TRUE(body->has("error"));
  EXPECT_EQ("not_found", body->getObject("error")->getValue<std::string>("code"));
  EXPECT_EQ("req-1", body->getObject("error")->getValue<std::string>("requestId"));
  // A path that merely starts like the prefix is not a TMF API.
  EXPECT_TRUE(Parse(ErrorBodyFor("/tmf-apix", 404, "not_found", "x", "", "r"))->has("error"));
}

TEST(ErrorBodyFor, TmfErrorUnderTmfApi) {
  const auto body =
      Parse(ErrorBodyFor("/tmf-api/customerManagement/v4/customer", 422, "invalid_credit_code",
                         "creditCode: bad check digit", "engagedParty.id", "req-2"));
  EXPECT_FALSE(body->has("error"));
  EXPECT_EQ("invalid_credit_code", body->getValue<std::string>("code"));
  EXPECT_EQ("creditCode: bad check digit", body->getValue<std::string>("reason"));
  EXPECT_EQ("attribute: engagedParty.id; requestId: req-2", body->getValue<std::string>("message"));
  EXPECT_EQ("422", body->getValue<std::string>("status"));
  EXPECT_EQ("Error", body->getValue<std::string>("@type"));
  const auto no_field =
      Parse(ErrorBodyFor("/tmf-api/x", 401, "unauthenticated", "log in", "", "r"));
  EXPECT_EQ("requestId: r", no_field->getValue<std::string>("message"));
}

TEST(StatusFor, UnsupportedMediaTypeIs415) {
  EXPECT_EQ(415, StatusFor(ErrorKind::kUnsupportedMediaType));
}

// The parser keeps 2^63 as an unsigned number; reading it as our integer is a 422, not a throw
// that escapes the handler (found by json_body_fuzz).
TEST(OptionalInt, AnIntegerAboveInt64IsRefusedWithTheMemberNamed) {
  const auto body = ParseJsonObject(R"({"limit": 9223372036854775808, "offset": -9223372036854775808})");
  EXPECT_EQ(std::numeric_limits<std::int64_t>::min(), OptionalInt(*body, "offset"));
  try {
    OptionalInt(*body, "limit");
    FAIL() << "2^63 was read as an integer";
  } catch (const ApiError& error) {
    EXPECT_EQ(422, StatusFor(error.kind()));
    EXPECT_EQ("limit", error.field());
  }
}

}  // namespace
}  // namespace mams::http
