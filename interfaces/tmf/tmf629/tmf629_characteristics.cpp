#include "interfaces/tmf/tmf629/tmf629_characteristics.h"

#include <Poco/JSON/Array.h>

namespace mams::tmf629 {
namespace {

using Var = Poco::Dynamic::Var;

Var OrEmpty(const std::optional<std::string>& value) { return value ? Var(*value) : Var(); }

Var Tags(const CustomerRecord& c) {
  Poco::JSON::Array tags;
  for (const auto& tag : c.tags) {
    tags.add(tag);
  }
  return tags;
}

}  // namespace

const std::vector<TmfCharacteristic>& TmfCharacteristics() {
  using A = TmfAccess;
  using C = const CustomerRecord&;
  static const std::vector<TmfCharacteristic> kAll = {
      {"customerNo", "string", A::kCreateOnly, &CustomerInput::customer_no,
       [](C c) { return Var(c.customer_no); }},
      {"industry", "string", A::kWritable, &CustomerInput::industry,
       [](C c) { return Var(c.industry); }},
      {"level", "string", A::kWritable, &CustomerInput::level, [](C c) { return Var(c.level); }},
      {"org", "string", A::kWritable, &CustomerInput::org, [](C c) { return Var(c.org_code); }},
      {"relationshipGrade", "string", A::kWritable, &CustomerInput::relationship_grade,
       [](C c) { return OrEmpty(c.relationship_grade); }},
      {"valueGrade", "string", A::kReadOnly, nullptr, [](C c) { return Var(c.value_grade); }},
      {"revenue12m", "integer", A::kReadOnly, nullptr, [](C c) { return Var(c.revenue_12m); }},
      {"parentId", "string", A::kWritable, &CustomerInput::parent_id,
       [](C c) { return OrEmpty(c.parent_id); }},
      {"address", "string", A::kWritable, &CustomerInput::address,
       [](C c) { return Var(c.address); }},
      {"remarks", "string", A::kWritable, &CustomerInput::remarks,
       [](C c) { return Var(c.remarks); }},
      {"tags", "array", A::kWritable, nullptr, Tags},
  };
  return kAll;
}

const TmfCharacteristic* FindTmfCharacteristic(const std::string& name) {
  for (const auto& spec : TmfCharacteristics()) {
    if (name == spec.name) {
      return &spec;
    }
  }
  return nullptr;
}

}  // namespace mams::tmf629
