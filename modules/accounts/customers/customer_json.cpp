#include "modules/accounts/customers/customer_json.h"

#include <Poco/JSON/Parser.h>

#include "modules/accounts/common/reference_data.h"
#include "node/http/json_writer.h"

namespace mams::accounts {
namespace {

// A customer with an address, tags and remarks is written in 700–900 bytes.
constexpr std::size_t kTypicalCustomerJsonBytes = 1024;

}  // namespace

void WriteCustomer(http::JsonWriter& out, const CustomerRecord& c) {
  const IndustrySection* industry = FindIndustry(c.industry);
  out.BeginObject()
      .Key("id").String(c.id)
      .Key("customerNo").String(c.customer_no)
      .Key("name").String(c.name)
      .Key("creditCode").OptionalString(c.credit_code)
      .Key("industry").String(c.industry)
      .Key("industryName").String(industry != nullptr ? industry->name : "")
      .Key("level").String(c.level)
      .Key("org").String(c.org_code)
      .Key("state").String(c.state)
      .Key("stateChangedAt").String(c.state_changed_at)
      .Key("valueGrade").String(c.value_grade)
      .Key("relationshipGrade").OptionalString(c.relationship_grade)
      .Key("revenue12m").Int(c.revenue_12m)
      .Key("parentId").OptionalString(c.parent_id)
      .Key("address").String(c.address)
      .Key("tags").BeginArray();
  for (const auto& tag : c.tags) {
    out.String(tag);
  }
  out.EndArray().Key("remarks").String(c.remarks).Key("managers").BeginArray();
  for (const auto& manager : c.managers) {
    out.String(manager);
  }
  out.EndArray()
      .Key("mergedInto").OptionalString(c.merged_into)
      .Key("createdAt").String(c.created_at)
      .Key("createdBy").String(c.created_by)
      .Key("updatedAt").String(c.updated_at)
      .Key("version").Int(c.version)
      .EndObject();
}

std::string CustomerJsonText(const CustomerRecord& customer) {
  http::JsonWriter out(kTypicalCustomerJsonBytes);
  WriteCustomer(out, customer);
  return out.Take();
}

Poco::JSON::Object CustomerJson(const CustomerRecord& customer) {
  // One definition of the fields (WriteCustomer); callers that add to the object are not on
  // hot paths, so they pay for parsing it back.
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // keep the field order
  return *parser.parse(CustomerJsonText(customer)).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace mams::accounts
