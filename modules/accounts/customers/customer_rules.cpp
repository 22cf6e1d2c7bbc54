// What a customer may hold (CustomerService::Validate) and its audit image.
#include <Poco/JSON/Object.h>

#include <algorithm>

#include "modules/accounts/common/field_rules.h"
#include "modules/accounts/common/reference_data.h"
#include "modules/accounts/customers/credit_code.h"
#include "modules/accounts/customers/customer_service.h"
#include "modules/accounts/customers/customer_service_steps.h"
#include "modules/identity/api/user_directory.h"
#include "node/auth/data_scope.h"
#include "node/common/errors.h"
#include "node/http/json.h"
#include "node/http/json_writer.h"

namespace mams::accounts {
namespace {

constexpr std::size_t kMaxTags = 20;
constexpr std::size_t kMaxTagBytes = 64;
constexpr std::size_t kMaxParentDepth = 16;

Poco::JSON::Object CustomerAuditObject(const CustomerRecord& c) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("customerNo", c.customer_no);
  object.set("name", c.name);
  object.set("creditCode", c.credit_code.value_or(""));
  object.set("industry", c.industry);
  object.set("level", c.level);
  object.set("org", c.org_code);
  object.set("state", c.state);
  object.set("relationshipGrade", c.relationship_grade.value_or(""));
  object.set("parentId", c.parent_id.value_or(""));
  object.set("address", c.address);
  object.set("tags", JoinTags(c.tags));
  Poco::JSON::Array managers;
  for (const auto& manager : c.managers) {
    managers.add(manager);
  }
  object.set("managers", managers);
  return object;
}

}  // namespace

std::string CustomerAuditJson(const CustomerRecord& customer) {
  return http::ToJson(CustomerAuditObject(customer));
}

std::string CustomerCreationChanges(const CustomerRecord& c) {
  // Written straight, field by field as CustomerAuditObject lists them: an import writes one
  // per row, and building the POCO object first was a twelfth of the import.
  http::JsonWriter out;
  out.BeginObject();
  const auto created = [&out](std::string_view name) -> http::JsonWriter& {
    return out.Key(name).BeginObject().Key("from").Null().Key("to");
  };
  created("customerNo").String(c.customer_no).EndObject();
  created("name").String(c.name).EndObject();
  created("creditCode").String(c.credit_code.value_or("")).EndObject();
  created("industry").String(c.industry).EndObject();
  created("level").String(c.level).EndObject();
  created("org").String(c.org_code).EndObject();
  created("state").String(c.state).EndObject();
  created("relationshipGrade").String(c.relationship_grade.value_or("")).EndObject();
  created("parentId").String(c.parent_id.value_or("")).EndObject();
  created("address").String(c.address).EndObject();
  created("tags").String(JoinTags(c.tags)).EndObject();
  created("managers").BeginArray();
  for (const auto& manager : c.managers) {
    out.String(manager);
  }
  out.EndArray().EndObject();
  out.EndObject();
  return out.Take();
}

namespace {

// [A-Za-z0-9-]{1,32}, without std::regex (imports check every row).
bool IsCustomerNo(const std::string& text) {
  return !text.empty() && text.size() <= 32 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

void CustomerService::Validate(const CustomerInput& input, const CustomerVisibility& visibility,
                               storage::Session& session, const std::string& self_id) {
  // Coded fields (customerNo, creditCode, industry, ...) are checked against their formats.
  RequireNoControlCharacters({{&input.name, "name", TextLines::kSingle},
                              {&input.address, "address", TextLines::kSingle},
                              {&input.remarks, "remarks", TextLines::kMulti}});
  if (input.tags) {
    for (const auto& tag : *input.tags) {
      RequireNoControlCharacters(tag, TextLines::kSingle, "tags");
    }
  }
  if (input.name && (input.name->empty() || input.name->size() > 600)) {
    throw Invalid("invalid_name", "name: 1-200 characters", "name")
        .With("min", "1")
        .With("max", "200");
  }
  if (input.customer_no && !IsCustomerNo(*input.customer_no)) {
    throw Invalid("invalid_customer_no", "customerNo: 1-32 letters, digits or '-'", "customerNo");
  }
  if (input.credit_code) {
    if (auto error = ValidateCreditCode(*input.credit_code)) {
      throw Invalid("invalid_credit_code",
                    "creditCode: " + std::string(Describe(*error)) + " (统一社会信用代码有误)",
                    "creditCode");
    }
  }
  if (input.industry && FindIndustry(*input.industry) == nullptr) {
    throw Invalid("unknown_industry", "industry: a GB/T 4754-2017 section letter A-T", "industry");
  }
  if (input.level && !ParseManagementLevel(*input.level)) {
    throw Invalid("invalid_level", "level: group, province or local", "level");
  }
  if (input.org && !visibility.scope.Allows(*input.org)) {
    throw Invalid("org_out_of_scope", "org '" + *input.org + "' is not in your scope", "org")
        .With("org", *input.org);
  }
  if (input.relationship_grade && !input.relationship_grade->empty() &&
      !ParseRelationshipGrade(*input.relationship_grade)) {
    throw Invalid("invalid_relationship_grade",
                  "relationshipGrade: partner, functional, emotional or drifting",
                  "relationshipGrade");
  }
  if (input.address && input.address->size() > 1500) {
    throw Invalid("invalid_address", "address: at most 500 characters", "address");
  }
  if (input.tags) {
    if (input.tags->size() > kMaxTags) {
      throw Invalid("invalid_tags", "tags: at most 20", "tags");
    }
    for (const auto& tag : *input.tags) {
      if (tag.empty() || tag.size() > kMaxTagBytes || tag.find(',') != std::string::npos) {
        throw Invalid("invalid_tags", "tags: 1-20 characters each, no commas", "tags");
      }
    }
  }
  if (input.parent_id && !input.parent_id->empty()) {
    // The parent must be visible, and the chain above it must not come back to this customer.
    std::optional<std::string> at = *input.parent_id;
    for (std::size_t depth = 0; at && !at->empty(); ++depth) {
      if (*at == self_id || depth > kMaxParentDepth) {
        throw Invalid("parent_cycle", "parentId would make the hierarchy circular", "parentId");
      }
      const auto parent = CustomerRepository::Find(session, visibility, *at);
      if (!parent) {
        if (depth == 0) {
          throw Invalid("unknown_parent", "parentId: no such customer in your scope", "parentId");
        }
        break;  // an ancestor outside the caller's scope (a national account's head office)
      }
      at = parent->parent_id;
    }
  }
  if (input.managers) {
    for (const auto& user_id : *input.managers) {
      const auto user = identity::FindDirectoryUser(session, user_id);
      if (!user || !visibility.scope.Allows(user->org_code)) {
        throw Invalid("unknown_manager", "managers: no user '" + user_id + "' in your scope",
                      "managers")
            .With("user", user_id);
      }
    }
  }
}

}  // namespace mams::accounts
