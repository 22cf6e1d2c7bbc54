#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "node/entity/entity_shape.h"
#include "node/entity/patch.h"

namespace Poco::JSON {
class Object;
}

namespace mams::entity {

/// The members of a request body, checked against the entity's input fields: a member
/// that is not an input field is a 422 `unknown_field` (as http::RequireOnlyFields), a member
/// of the wrong JSON type a 422 as http::OptionalString/OptionalInt/OptionalBool/
/// OptionalStringList give, the first in declaration order. Null members are absent.
/// Throws ApiError naming the member.
Patch ReadPatch(const EntityShape& shape, const Poco::JSON::Object& body);
/// ReadPatch of `body_text`, which must be a JSON object (400 `invalid_json` otherwise).
Patch ReadPatch(const EntityShape& shape, const std::string& body_text);

/// Refuses a create without a field the entity declares Required(): 422 `missing_field`,
/// "<json> is required", naming the first missing one in declaration order.
void RequireComplete(const Patch& patch);

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

/// CheckLength and CheckEnum of member `json` of `patch`.
void CheckLength(const Patch& patch, std::string_view json);
void CheckEnum(const Patch& patch, std::string_view json, const std::string& code = "");

}  // namespace mams::entity
