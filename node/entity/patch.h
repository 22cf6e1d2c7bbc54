#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "node/entity/entity_shape.h"

namespace mams::entity {

/// One input member's value, of its field's JSON type: text (text, date, enum, reference),
/// integer (integer, money), bool, or a list of strings.
using InputValue = std::variant<std::string, std::int64_t, bool, std::vector<std::string>>;

/// The InputValue alternative a field of `type` takes.
std::size_t InputAlternative(FieldType type);

/// The members one create or update sets — read from a request body (ReadPatch in
/// entity_input.h) or set by a caller that is no request (a command, an import) — each an
/// input field of the entity and of that field's type. Absent members keep their value on
/// an update and take their default on a create; Entity::Apply copies the present ones the
/// record keeps. Holds a reference to the shape (entities are function-local statics).
class Patch {
 public:
  explicit Patch(const EntityShape& shape) : shape_(&shape) {}

  /// Sets member `json`. Throws std::invalid_argument when `json` is no input field of the
  /// entity or `value` is not of its type (a defect).
  Patch& Set(std::string_view json, InputValue value);

  /// Whether member `json` is present.
  bool Has(std::string_view json) const { return values_.find(json) != values_.end(); }
  /// The value of member `json`, nothing when absent. Throws std::invalid_argument when
  /// `json` is no input field of that JSON type (a defect).
  std::optional<std::string> Text(std::string_view json) const { return Get<std::string>(json); }
  std::optional<std::int64_t> Int(std::string_view json) const { return Get<std::int64_t>(json); }
  std::optional<bool> Flag(std::string_view json) const { return Get<bool>(json); }
  std::optional<std::vector<std::string>> List(std::string_view json) const {
    return Get<std::vector<std::string>>(json);
  }

  const EntityShape& shape() const { return *shape_; }
  /// The present members by JSON name.
  const std::map<std::string, InputValue, std::less<>>& values() const { return values_; }

 private:
  /// The declared input field `json` whose values are alternative `alternative`.
  const FieldSpec& InputField(std::string_view json, std::size_t alternative) const;
  template <typename T>
  std::optional<T> Get(std::string_view json) const {
    (void)InputField(json, InputValue(T{}).index());
    const auto found = values_.find(json);
    if (found == values_.end()) {
      return std::nullopt;
    }
    return std::get<T>(found->second);
  }

  const EntityShape* shape_;
  std::map<std::string, InputValue, std::less<>> values_;
};

}  // namespace mams::entity
