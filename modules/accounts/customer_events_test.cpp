#include "modules/accounts/customer_events.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "node/http/json.h"

namespace mams::accounts {
namespace {

TEST(CustomerEvents, CreationDiffIsTheDiffAgainstNothing) {
  Poco::JSON::Object after(Poco::JSON_PRESERVE_KEY_ORDER);
  after.set("name", std::string("深圳\"致远\"物业"));
  after.set("revenue", Poco::Int64{1200});
  after.set("parentId", std::string(""));
  Poco::JSON::Array managers;
  managers.add(std::string("u-1"));
  after.set("managers", managers);
  EXPECT_EQ(DiffJson("", http::ToJson(after)), CreationDiffJson(after));
}

TEST(CustomerEvents, DiffKeepsOnlyChangedFields) {
  EXPECT_EQ(R"({"b":{"from":1,"to":2},"c":{"from":3,"to":null}})",
            DiffJson(R"({"a":"x","b":1,"c":3})", R"({"a":"x","b":2})"));
}

}  // namespace
}  // namespace mams::accounts
