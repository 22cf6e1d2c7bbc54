#include "interfaces/tmf/tmf629/tmf629_mapping.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>

#include <algorithm>

#include "interfaces/tmf/tmf629/tmf629_characteristics.h"

namespace mams::tmf629 {
namespace {

// First-level attributes of `Customer` in the TMF629 v4 schema, in our output order.
const std::vector<std::string> kCustomerAttributes = {"id",
                                                      "href",
                                                      "name",
                                                      "status",
                                                      "statusReason",
                                                      "characteristic",
                                                      "engagedParty",
                                                      "relatedParty",
                                                      "validFor",
                                                      "account",
                                                      "agreement",
                                                      "contactMedium",
                                                      "creditProfile",
                                                      "paymentMethod",
                                                      "@baseType",
                                                      "@schemaLocation",
                                                      "@type"};
// Present whatever `fields` says: the resource's identity, and what the schema requires.
const std::set<std::string> kAlwaysPresent = {"id", "href", "@type", "engagedParty"};
// Parameters of the list that are not filters.
const std::set<std::string> kListControls = {"fields", "limit", "offset", "sort"};

Poco::JSON::Array Characteristics(const CustomerRecord& customer) {
  Poco::JSON::Array items;
  for (const TmfCharacteristic& spec : TmfCharacteristics()) {
    const Poco::Dynamic::Var value = spec.value(customer);
    if (value.isEmpty()) {
      continue;  // not set: omitted rather than null
    }
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("name", spec.name);
    item.set("valueType", spec.value_type);
    item.set("value", value);
    items.add(item);
  }
  return items;
}

Poco::JSON::Object EngagedParty(const CustomerRecord& customer) {
  Poco::JSON::Object party(Poco::JSON_PRESERVE_KEY_ORDER);
  // The organisation is identified nationally by its credit code (统一社会信用代码).
  party.set("id", customer.credit_code.value_or(customer.id));
  party.set("name", customer.name);
  party.set("@referredType", "Organization");
  return party;
}

Poco::JSON::Array RelatedParties(const CustomerRecord& customer) {
  Poco::JSON::Array parties;
  for (const auto& user_id : customer.managers) {
    Poco::JSON::Object party(Poco::JSON_PRESERVE_KEY_ORDER);
    party.set("id", user_id);
    party.set("role", kTmfAccountManagerRole);
    party.set("@referredType", "Individual");
    parties.add(party);
  }
  return parties;
}

Poco::JSON::Object ValidFor(const CustomerRecord& customer) {
  Poco::JSON::Object period(Poco::JSON_PRESERVE_KEY_ORDER);
  period.set("startDateTime", customer.created_at);
  // A churned customer's relationship ended when it churned; a win-back reopens it.
  if (customer.state == "churned") {
    period.set("endDateTime", customer.state_changed_at);
  }
  return period;
}

}  // namespace

TmfFieldSelection ParseTmfFields(const std::optional<std::string>& fields) {
  if (!fields) {
    return std::nullopt;
  }
  std::set<std::string> selected;
  std::string::size_type start = 0;
  while (start <= fields->size()) {
    const auto comma = std::min(fields->find(',', start), fields->size());
    const std::string name = Poco::trim(fields->substr(start, comma - start));
    start = comma + 1;
    if (name.empty()) {
      continue;
    }
    if (std::find(kCustomerAttributes.begin(), kCustomerAttributes.end(), name) ==
        kCustomerAttributes.end()) {
      throw ApiError(ErrorKind::kBadRequest, "invalid_parameter",
                     "fields: '" + name + "' is not an attribute of Customer", "fields");
    }
    selected.insert(name);
  }
  return selected;
}

Poco::JSON::Object TmfCustomer(const CustomerRecord& customer, const TmfFieldSelection& selection) {
  Poco::JSON::Object full;
  full.set("id", customer.id);
  full.set("href", std::string(kTmfCustomerPath) + "/" + customer.id);
  full.set("name", customer.name);
  full.set("status", customer.state);
  full.set("characteristic", Characteristics(customer));
  full.set("engagedParty", EngagedParty(customer));
  full.set("relatedParty", RelatedParties(customer));
  full.set("validFor", ValidFor(customer));
  full.set("@type", "Customer");
  Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& name : kCustomerAttributes) {
    if (full.has(name) &&
        (!selection || selection->count(name) > 0 || kAlwaysPresent.count(name) > 0)) {
      out.set(name, full.get(name));
    }
  }
  return out;
}

CustomerFilter TmfListFilter(const std::vector<std::pair<std::string, std::string>>& query) {
  CustomerFilter filter;
  for (const auto& [name, value] : query) {
    if (kListControls.count(name) > 0) {
      continue;
    }
    if (name == "name") {
      filter.name = value;
    } else if (name == "status") {
      filter.state = value;
    } else if (name == "engagedParty.id") {
      filter.credit_code = value;
    } else if (name == "relatedParty.id") {
      filter.manager = value;
    } else {
      throw ApiError(ErrorKind::kBadRequest, "invalid_parameter",
                     name +
                         " is not a supported parameter; filters: name, status, "
                         "engagedParty.id, relatedParty.id",
                     name);
    }
  }
  return filter;
}

std::string TmfAttributeFor(const std::string& native_field) {
  static const std::map<std::string, std::string> kRenamed = {{"creditCode", "engagedParty.id"},
                                                              {"state", "status"},
                                                              {"reason", "statusReason"},
                                                              {"managers", "relatedParty"}};
  if (const auto found = kRenamed.find(native_field); found != kRenamed.end()) {
    return found->second;
  }
  if (FindTmfCharacteristic(native_field) != nullptr) {
    return "characteristic." + native_field;
  }
  return native_field;
}

ApiError WithTmfAttribute(const ApiError& error) {
  ApiError renamed = error;  // code, message, parameters and Retry-After kept
  return renamed.WithField(TmfAttributeFor(error.field()));
}

bool IsMergePatchContentType(const std::string& content_type) {
  const std::string media_type =
      Poco::toLower(Poco::trim(content_type.substr(0, content_type.find(';'))));
  return media_type == "application/merge-patch+json" || media_type == "application/json";
}

}  // namespace mams::tmf629
