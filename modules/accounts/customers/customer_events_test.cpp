#include "modules/accounts/customers/customer_events.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include "modules/accounts/customers/customer_service.h"
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

TEST(CustomerEvents, ImportedCustomerDiffIsTheDiffOfItsAuditJson) {
  CustomerRecord customer;
  customer.customer_no = "C0000042";
  customer.name = "深圳\"致远\"物业\\分公司";
  customer.credit_code = "91440300MA5DC1234X";
  customer.industry = "K";
  customer.level = "local";
  customer.org_code = "440300";
  customer.state = "active";
  customer.address = "深圳市南山区\n科技园";
  customer.tags = {"重点", "5G"};
  customer.managers = {"u-1", "u-2"};
  EXPECT_EQ(DiffJson("", CustomerAuditJson(customer)), CustomerCreationChanges(customer));
  customer.managers.clear();
  customer.relationship_grade = "partner";
  customer.parent_id = "c-1";
  EXPECT_EQ(DiffJson("", CustomerAuditJson(customer)), CustomerCreationChanges(customer));
}

TEST(CustomerEvents, DiffKeepsOnlyChangedFields) {
  EXPECT_EQ(R"({"b":{"from":1,"to":2},"c":{"from":3,"to":null}})",
            DiffJson(R"({"a":"x","b":1,"c":3})", R"({"a":"x","b":2})"));
}

}  // namespace
}  // namespace mams::accounts
