#include "modules/accounts/customer_json.h"

#include "modules/accounts/reference_data.h"

namespace mams::accounts {
namespace {

Poco::Dynamic::Var OrNull(const std::optional<std::string>& value) {
  return value ? Poco::Dynamic::Var(*value) : Poco::Dynamic::Var();
}

}  // namespace

Poco::JSON::Object CustomerJson(const CustomerRecord& c) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("id", c.id);
  object.set("customerNo", c.customer_no);
  object.set("name", c.name);
  object.set("creditCode", OrNull(c.credit_code));
  object.set("industry", c.industry);
  const IndustrySection* industry = FindIndustry(c.industry);
  object.set("industryName", industry != nullptr ? industry->name : "");
  object.set("level", c.level);
  object.set("org", c.org_code);
  object.set("state", c.state);
  object.set("stateChangedAt", c.state_changed_at);
  object.set("valueGrade", c.value_grade);
  object.set("relationshipGrade", OrNull(c.relationship_grade));
  object.set("revenue12m", c.revenue_12m);
  object.set("parentId", OrNull(c.parent_id));
  object.set("address", c.address);
  Poco::JSON::Array tags;
  for (const auto& tag : c.tags) {
    tags.add(tag);
  }
  object.set("tags", tags);
  object.set("remarks", c.remarks);
  Poco::JSON::Array managers;
  for (const auto& manager : c.managers) {
    managers.add(manager);
  }
  object.set("managers", managers);
  object.set("mergedInto", OrNull(c.merged_into));
  object.set("createdAt", c.created_at);
  object.set("createdBy", c.created_by);
  object.set("updatedAt", c.updated_at);
  object.set("version", c.version);
  return object;
}

}  // namespace mams::accounts
