#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "node/entity/entity_shape.h"

namespace Poco::JSON {
class Object;
}

namespace mams::entity {

/// Checks a request body against the entity's input fields: a member that is not an input
/// field is a 422 `unknown_field` (as http::RequireOnlyFields), a member of the wrong JSON
/// type a 422 as http::OptionalString/OptionalInt/OptionalBool/OptionalStringList give.
/// Throws ApiError naming the member.
void CheckInput(const EntityShape& shape, const Poco::JSON::Object& body);

/// Refuses a create without the required field `json`: 422 `missing_field`,
/// "<json> is required".
void RequirePresent(std::string_view json, bool present);

/// Checks the length of the text input `json` when present: 422 "invalid_<json>",
/// "<json>: <min>-<max> characters", min 1 for a required field. The field must declare
/// a max_length (a defect otherwise: std::invalid_argument).
void CheckLength(const EntityShape& shape, std::string_view json,
                 const std::optional<std::string>& value);

/// Checks the enum input `json` when present: 422 `code` (default "invalid_<json>"),
/// "<json>: a, b or c" listing the declared values.
void CheckEnum(const EntityShape& shape, std::string_view json,
               const std::optional<std::string>& value, const std::string& code = "");

}  // namespace mams::entity
