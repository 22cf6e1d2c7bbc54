#include "node/entity/patch.h"

#include <stdexcept>

namespace mams::entity {

std::size_t InputAlternative(FieldType type) {
  switch (type) {
    case FieldType::kInteger:
    case FieldType::kMoney:
      return InputValue(std::int64_t{0}).index();
    case FieldType::kBool:
      return InputValue(false).index();
    case FieldType::kStringList:
      return InputValue(std::vector<std::string>{}).index();
    default:
      return InputValue(std::string()).index();
  }
}

const FieldSpec& Patch::InputField(std::string_view json, std::size_t alternative) const {
  const FieldSpec* field = shape_->ByJson(json);
  if (field == nullptr || !field->input) {
    throw std::invalid_argument(shape_->table() + ": no input field " + std::string(json));
  }
  if (InputAlternative(field->type) != alternative) {
    throw std::invalid_argument(shape_->table() + ": " + std::string(json) + " holds another type");
  }
  return *field;
}

Patch& Patch::Set(std::string_view json, InputValue value) {
  const FieldSpec& field = InputField(json, value.index());
  values_.insert_or_assign(field.json, std::move(value));
  return *this;
}

}  // namespace mams::entity
