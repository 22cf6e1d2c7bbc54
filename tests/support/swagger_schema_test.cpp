// The schema validator must reject wrong documents, or the TMF tests that rely on it prove
// nothing.
#include "tests/support/swagger_schema.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mams::testing {
namespace {

const SwaggerSchema& Tmf629() {
  static const SwaggerSchema schema = SwaggerSchema::FromFile(
      MAMS_SOURCE_DIR "/interfaces/tmf/TMF629-Customer-v4.0.0.swagger.json");
  return schema;
}

constexpr char kValidCustomer[] =
    R"({"id":"c1","href":"/tmf-api/customerManagement/v4/customer/c1","name":"广州客户",
        "status":"active","engagedParty":{"id":"91440300708461136T","@referredType":"Organization"},
        "characteristic":[{"name":"industry","valueType":"string","value":"I"},
                          {"name":"tags","valueType":"array","value":["ICT"]}],
        "relatedParty":[{"id":"u1","role":"accountManager","@referredType":"Individual"}],
        "validFor":{"startDateTime":"2026-11-23T08:45:27.123Z"},"@type":"Customer"})";

std::string Joined(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& problem : problems) {
    text += problem + "\n";
  }
  return text;
}

TEST(SwaggerSchema, AcceptsAValidCustomerAndError) {
  EXPECT_EQ("", Joined(Tmf629().Validate("Customer", kValidCustomer)));
  EXPECT_EQ("",
            Joined(Tmf629().ValidateArrayOf("Customer", std::string("[") + kValidCustomer + "]")));
  EXPECT_EQ("", Joined(Tmf629().Validate("Error",
                                         R"({"code":"not_found","reason":"no such customer"})")));
}

TEST(SwaggerSchema, RejectsWrongDocumentsNamingThePlace) {
  const struct {
    const char* definition;
    std::string json;
    std::string expected;  // a substring of the problems
  } cases[] = {
      {"Customer", R"({"id":"c1","name":"x"})", "$: required member engagedParty is missing"},
      {"Customer", R"({"engagedParty":{"id":"e"}})",
       "$.engagedParty: required member @referredType"},
      {"Customer", R"({"engagedParty":{"id":"e","@referredType":"Organization"},"name":7})",
       "$.name: expected string"},
      {"Customer", R"({"engagedParty":{"id":"e","@referredType":"O"},"relatedParty":[{"id":"u"}]})",
       "$.relatedParty[0]: required member @referredType"},
      {"Customer",
       R"({"engagedParty":{"id":"e","@referredType":"O"},"characteristic":[{"name":"a"}]})",
       "$.characteristic[0]: required member value"},
      {"Customer", R"({"engagedParty":{"id":"e","@referredType":"O"},"characteristic":{}})",
       "$.characteristic: expected array"},
      {"Customer",
       R"({"engagedParty":{"id":"e","@referredType":"O"},"validFor":{"startDateTime":"yesterday"}})",
       "$.validFor.startDateTime: \"yesterday\" is not a date-time"},
      {"Customer",
       R"({"engagedParty":{"id":"e","@referredType":"O"},"validFor":{"endDateTime":"2026-13-01T00:00:00Z"}})",
       "is not a date-time"},
      {"Customer", R"([])", "$: expected object"},
      {"Customer", "{\"name\":", "$: not JSON"},
      {"Error", R"({"code":"x"})", "$: required member reason is missing"},
      {"Error", R"({"code":"x","reason":"y","status":422})", "$.status: expected string"},
  };
  for (const auto& c : cases) {
    const std::string problems = Joined(Tmf629().Validate(c.definition, c.json));
    EXPECT_NE(std::string::npos, problems.find(c.expected)) << c.json << " →\n" << problems;
  }
  const std::string in_array = Joined(Tmf629().ValidateArrayOf(
      "Customer", std::string("[") + kValidCustomer + R"(,{"name":"no party"}])"));
  EXPECT_NE(std::string::npos, in_array.find("$[1]: required member engagedParty")) << in_array;
  EXPECT_NE("", Joined(Tmf629().ValidateArrayOf("Customer", kValidCustomer)));
}

TEST(SwaggerSchema, FollowsAllOfAndEnum) {
  const SwaggerSchema schema = SwaggerSchema::FromText(R"({"swagger":"2.0","definitions":{
      "Base":{"type":"object","required":["id"],"properties":{"id":{"type":"string"}}},
      "Ticket":{"allOf":[{"$ref":"#/definitions/Base"},
                         {"type":"object","required":["state"],
                          "properties":{"state":{"type":"string","enum":["open","closed"]},
                                        "count":{"type":"integer"}}}]}}})");
  EXPECT_EQ("", Joined(schema.Validate("Ticket", R"({"id":"t1","state":"open","count":3})")));
  EXPECT_NE(std::string::npos,
            Joined(schema.Validate("Ticket", R"({"state":"open"})")).find("required member id"));
  EXPECT_NE(
      std::string::npos,
      Joined(schema.Validate("Ticket", R"({"id":"t","state":"lost"})")).find("is not one of"));
  EXPECT_NE(std::string::npos,
            Joined(schema.Validate("Ticket", R"({"id":"t","state":"open","count":1.5})"))
                .find("$.count: expected integer"));
  EXPECT_THROW(schema.Validate("Nope", "{}"), std::invalid_argument);
}

TEST(SwaggerSchema, DateTimesFollowRfc3339) {
  EXPECT_TRUE(IsRfc3339DateTime("2026-11-23T08:45:27.123Z"));
  EXPECT_TRUE(IsRfc3339DateTime("2026-11-23T16:45:27+08:00"));
  EXPECT_FALSE(IsRfc3339DateTime("2026-11-23 08:45:27"));
  EXPECT_FALSE(IsRfc3339DateTime("2026-11-23T08:45:27"));
  EXPECT_FALSE(IsRfc3339DateTime("2026-11-23T24:00:00Z"));
  EXPECT_FALSE(IsRfc3339DateTime("2026-11-23"));
}

}  // namespace
}  // namespace mams::testing
