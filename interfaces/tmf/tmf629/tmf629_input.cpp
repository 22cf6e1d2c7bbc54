// TMF629 request bodies → CustomerInput (declared in tmf629_mapping.h).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "interfaces/tmf/tmf629/tmf629_characteristics.h"
#include "interfaces/tmf/tmf629/tmf629_mapping.h"

namespace mams::tmf629 {
namespace {

using Var = Poco::Dynamic::Var;

enum class Mode { kCreate, kPatch };

// Members of `Customer` a body may carry, and those a merge-patch may set to null.
const std::set<std::string> kModelled = {
    "name",         "status", "statusReason", "engagedParty", "characteristic",
    "relatedParty", "@type",  "id",           "href",         "validFor"};
const std::set<std::string> kRemovable = {"statusReason", "relatedParty"};
// Members of `Customer` we do not model; refused rather than dropped.
const std::set<std::string> kUnsupported = {"account",        "agreement",     "contactMedium",
                                            "creditProfile",  "paymentMethod", "@baseType",
                                            "@schemaLocation"};
// Members a client may send about an item we take only the id (and role) from.
const std::set<std::string> kRefMembers = {
    "id", "href", "name", "role", "@baseType", "@schemaLocation", "@type", "@referredType"};
const std::set<std::string> kCharacteristicMembers = {"name",      "value",           "valueType",
                                                      "@baseType", "@schemaLocation", "@type"};

ApiError Invalid(const std::string& code, const std::string& message,
                 const std::string& attribute) {
  return ApiError(ErrorKind::kUnprocessable, code, message, attribute);
}

bool IsObject(const Var& value) { return value.type() == typeid(Poco::JSON::Object::Ptr); }
bool IsArray(const Var& value) { return value.type() == typeid(Poco::JSON::Array::Ptr); }

std::string Text(const Var& value, const std::string& attribute) {
  if (!value.isString()) {
    throw Invalid("wrong_type", attribute + " must be a string", attribute);
  }
  return value.convert<std::string>();
}

std::string RequiredText(const Poco::JSON::Object& object, const std::string& key,
                         const std::string& attribute) {
  if (!object.has(key) || object.isNull(key)) {
    throw Invalid("missing_field", attribute + " is required", attribute);
  }
  return Text(object.get(key), attribute);
}

void RequireKnownMembers(const Poco::JSON::Object& object, const std::set<std::string>& known,
                         const std::string& attribute) {
  for (const auto& [name, value] : object) {
    if (known.count(name) == 0) {
      throw Invalid("unknown_field", attribute + "." + name + " is not supported",
                    attribute + "." + name);
    }
  }
}

Poco::JSON::Object::Ptr ObjectOf(const Var& value, const std::string& attribute) {
  if (!IsObject(value)) {
    throw Invalid("wrong_type", attribute + " must be an object", attribute);
  }
  return value.extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr ArrayOf(const Var& value, const std::string& attribute) {
  if (!IsArray(value)) {
    throw Invalid("wrong_type", attribute + " must be an array", attribute);
  }
  return value.extract<Poco::JSON::Array::Ptr>();
}

// JSON text with object members in name order, so that equal values compare equal.
std::string Canonical(const Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(value, out);
  std::ostringstream sorted;
  // Wrapped in an array: POCO's parser takes no bare scalars.
  Poco::JSON::Stringifier::stringify(Poco::JSON::Parser().parse("[" + out.str() + "]"), sorted);
  return sorted.str();
}

// A PATCH may repeat a read-only value it read; anything else is refused.
void RequireUnchanged(Mode mode, const Var& sent, const Var& current,
                      const std::string& attribute) {
  if (mode == Mode::kCreate || Canonical(sent) != Canonical(current)) {
    throw Invalid("read_only_field", attribute + " is read-only", attribute);
  }
}

void ReadEngagedParty(const Var& value, CustomerInput* input) {
  const auto party = ObjectOf(value, "engagedParty");
  RequireKnownMembers(*party, kRefMembers, "engagedParty");
  input->credit_code = RequiredText(*party, "id", "engagedParty.id");
  if (RequiredText(*party, "@referredType", "engagedParty.@referredType") != "Organization") {
    throw Invalid("unsupported_party_type", "engagedParty must be an Organization",
                  "engagedParty.@referredType");
  }
}

std::vector<std::string> ReadManagers(const Var& value) {
  std::vector<std::string> managers;
  if (value.isEmpty()) {
    return managers;  // merge-patch null: no account managers
  }
  const auto parties = ArrayOf(value, "relatedParty");
  for (std::size_t i = 0; i < parties->size(); ++i) {
    const auto party = ObjectOf(parties->get(static_cast<unsigned int>(i)), "relatedParty");
    RequireKnownMembers(*party, kRefMembers, "relatedParty");
    const std::string id = RequiredText(*party, "id", "relatedParty.id");
    const std::string type = RequiredText(*party, "@referredType", "relatedParty.@referredType");
    const std::string role = RequiredText(*party, "role", "relatedParty.role");
    if (role != kTmfAccountManagerRole || type != "Individual") {
      throw Invalid("unsupported_related_party",
                    "relatedParty: only role accountManager with @referredType Individual",
                    "relatedParty.role");
    }
    if (std::find(managers.begin(), managers.end(), id) == managers.end()) {
      managers.push_back(id);
    }
  }
  return managers;
}

void ReadCharacteristic(Mode mode, const Poco::JSON::Object& item, const CustomerRecord& current,
                        CustomerInput* input) {
  RequireKnownMembers(item, kCharacteristicMembers, "characteristic");
  const std::string name = RequiredText(item, "name", "characteristic.name");
  const std::string attribute = "characteristic." + name;
  const TmfCharacteristic* spec = FindTmfCharacteristic(name);
  if (spec == nullptr) {
    throw Invalid("unknown_characteristic", attribute + " is not a customer characteristic",
                  attribute);
  }
  if (!item.has("value")) {
    throw Invalid("missing_field", attribute + ": value is required", attribute);
  }
  const Var value = item.get("value");
  if (spec->access == TmfAccess::kReadOnly ||
      (spec->access == TmfAccess::kCreateOnly && mode == Mode::kPatch)) {
    RequireUnchanged(mode, value, spec->value(current), attribute);
    return;
  }
  if (spec->text != nullptr) {
    input->*(spec->text) = value.isEmpty() ? std::string() : Text(value, attribute);
    return;
  }
  std::vector<std::string> tags;  // the only list-valued characteristic
  if (!value.isEmpty()) {
    const auto array = ArrayOf(value, attribute);
    for (std::size_t i = 0; i < array->size(); ++i) {
      tags.push_back(Text(array->get(static_cast<unsigned int>(i)), attribute));
    }
  }
  input->tags = tags;
}

void ReadCharacteristics(Mode mode, const Var& value, const CustomerRecord& current,
                         CustomerInput* input) {
  const auto items = ArrayOf(value, "characteristic");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto item = ObjectOf(items->get(static_cast<unsigned int>(i)), "characteristic");
    ReadCharacteristic(mode, *item, current, input);
    if (!seen.insert(item->getValue<std::string>("name")).second) {
      throw Invalid("duplicate_characteristic",
                    "characteristic." + item->getValue<std::string>("name") + " appears twice",
                    "characteristic");
    }
  }
}

struct ParsedBody {
  CustomerInput input;
  std::optional<std::string> status;
  std::optional<std::string> status_reason;
};

// `current` is the record a PATCH applies to; for a create, an empty record.
ParsedBody ReadBody(Mode mode, const Poco::JSON::Object& body, const CustomerRecord& current) {
  const Poco::JSON::Object shown = TmfCustomer(current);
  ParsedBody parsed;
  for (const auto& [name, value] : body) {
    if (kModelled.count(name) == 0) {
      if (kUnsupported.count(name) > 0) {
        throw Invalid("unsupported_attribute", name + " is not supported by MAMS", name);
      }
      throw Invalid("unknown_field", name + " is not an attribute of Customer", name);
    }
    if (value.isEmpty() && kRemovable.count(name) == 0) {
      throw Invalid("missing_field", name + " cannot be null", name);
    }
    if (name == "name") {
      parsed.input.name = Text(value, name);
    } else if (name == "status") {
      parsed.status = Text(value, name);
    } else if (name == "statusReason") {
      parsed.status_reason = value.isEmpty() ? std::nullopt : std::optional(Text(value, name));
    } else if (name == "engagedParty") {
      ReadEngagedParty(value, &parsed.input);
    } else if (name == "characteristic") {
      ReadCharacteristics(mode, value, current, &parsed.input);
    } else if (name == "relatedParty") {
      parsed.input.managers = ReadManagers(value);
    } else if (name == "@type") {
      if (Text(value, name) != "Customer") {
        throw Invalid("unsupported_type", "@type must be Customer", name);
      }
    } else {  // id, href, validFor
      RequireUnchanged(mode, value, shown.get(name), name);
    }
  }
  return parsed;
}

template <typename T>
void DropIfEqual(std::optional<T>* sent, const T& current) {
  if (*sent && **sent == current) {
    sent->reset();
  }
}

void DropUnchanged(const CustomerRecord& current, CustomerInput* input) {
  DropIfEqual(&input->name, current.name);
  DropIfEqual(&input->credit_code, current.credit_code.value_or(current.id));
  for (const TmfCharacteristic& spec : TmfCharacteristics()) {
    if (spec.text != nullptr) {
      const Var now = spec.value(current);
      DropIfEqual(&(input->*(spec.text)), now.isEmpty() ? std::string() : now.toString());
    }
  }
  DropIfEqual(&input->tags, current.tags);
  if (input->managers) {
    std::vector<std::string> sent = *input->managers;
    std::vector<std::string> now = current.managers;
    std::sort(sent.begin(), sent.end());
    std::sort(now.begin(), now.end());
    if (sent == now) {
      input->managers.reset();
    }
  }
}

bool HasChanges(const CustomerInput& in) {
  return in.customer_no || in.name || in.credit_code || in.industry || in.level || in.org ||
         in.state || in.relationship_grade || in.parent_id || in.address || in.remarks || in.tags ||
         in.managers;
}

}  // namespace

CustomerInput TmfCreateInput(const Poco::JSON::Object& body) {
  ParsedBody parsed = ReadBody(Mode::kCreate, body, CustomerRecord{});
  if (!body.has("engagedParty")) {
    throw Invalid("missing_field", "engagedParty is required", "engagedParty");
  }
  if (!body.has("name")) {
    throw Invalid("missing_field", "name is required", "name");
  }
  if (parsed.status_reason) {
    throw Invalid("status_reason_without_change",
                  "statusReason is recorded with a change of status (PATCH)", "statusReason");
  }
  parsed.input.state = parsed.status;
  return parsed.input;
}

TmfPatch TmfPatchInput(const Poco::JSON::Object& body, const CustomerRecord& current) {
  ParsedBody parsed = ReadBody(Mode::kPatch, body, current);
  TmfPatch patch;
  patch.changes = parsed.input;
  DropUnchanged(current, &patch.changes);
  if (parsed.status && *parsed.status != current.state) {
    if (HasChanges(patch.changes)) {
      throw Invalid("status_change_alone",
                    "change status in a PATCH of its own (with statusReason)", "status");
    }
    patch.state_change = TmfStateChange{*parsed.status, parsed.status_reason.value_or("")};
  } else if (parsed.status_reason) {
    throw Invalid("status_reason_without_change",
                  "statusReason is recorded with a change of status", "statusReason");
  }
  return patch;
}

}  // namespace mams::tmf629
