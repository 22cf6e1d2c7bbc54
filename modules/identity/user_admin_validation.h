#pragma once

#include <set>
#include <string>
#include <vector>

#include "modules/identity/user_admin_service.h"
#include "node/common/errors.h"
#include "node/entity/patch.h"

// The input rules of user, role and token administration: plain checks that throw ApiError
// (422, naming the field) and touch neither storage nor the caller's scope.
namespace mams::identity {

/// A 422 about `field`.
ApiError Invalid(const std::string& code, const std::string& message, const std::string& field);

/// The fields a new user (a patch of UserEntity()) needs: username, displayName, org,
/// password; `missing_field` names the first absent.
void RequireNewUserFields(const entity::Patch& input);
/// The shape of the profile fields present: username, display name, phone, e-mail.
void ValidateProfile(const entity::Patch& input);
/// A new role's (a patch of RoleEntity()) code (3-64 of a-z, 0-9, '_', starting with a
/// letter) and name.
void ValidateNewRole(const entity::Patch& input);
/// A role's permissions from the requested ones: each must be `known` (`unknown_permission`
/// names the first that is not) and together they must not break separation of duties.
std::set<std::string> RolePermissions(const std::vector<std::string>& requested,
                                      const std::set<std::string>& known);
/// An API token's name (1-128 characters) and validity (1 to `max_days` days).
void ValidateTokenRequest(const std::string& name, int valid_days, int max_days);

}  // namespace mams::identity
