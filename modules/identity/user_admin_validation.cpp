#include "modules/identity/user_admin_validation.h"

#include <regex>

#include "modules/identity/role_catalog.h"

namespace mams::identity {

ApiError Invalid(const std::string& code, const std::string& message, const std::string& field) {
  return ApiError(ErrorKind::kUnprocessable, code, message, field);
}

void RequireNewUserFields(const UserInput& input) {
  if (!input.username || !input.display_name || !input.org || !input.password) {
    const std::string missing = !input.username       ? "username"
                                : !input.display_name ? "displayName"
                                : !input.org          ? "org"
                                                      : "password";
    throw Invalid("missing_field", missing + " is required", missing);
  }
}

void ValidateProfile(const UserInput& input) {
  static const std::regex kUsername("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
  static const std::regex kPhone("[0-9+() -]{0,32}");
  if (input.username && !std::regex_match(*input.username, kUsername)) {
    throw Invalid("invalid_username", "username: 3-64 letters, digits, '.', '_' or '-'",
                  "username");
  }
  if (input.display_name && (input.display_name->empty() || input.display_name->size() > 128)) {
    throw Invalid("invalid_display_name", "displayName: 1-128 characters", "displayName");
  }
  if (input.phone && !std::regex_match(*input.phone, kPhone)) {
    throw Invalid("invalid_phone", "phone: digits, '+', '-', spaces, up to 32", "phone");
  }
  if (input.email && !input.email->empty() &&
      (input.email->size() > 128 || input.email->find('@') == std::string::npos)) {
    throw Invalid("invalid_email", "email: an address with '@', up to 128 characters", "email");
  }
}

void ValidateNewRole(const RoleInput& input) {
  static const std::regex kCode("[a-z][a-z0-9_]{2,63}");
  if (!input.code || !std::regex_match(*input.code, kCode)) {
    throw Invalid("invalid_code", "code: 3-64 lower-case letters, digits or '_'", "code")
        .With("min", "3")
        .With("max", "64");
  }
  if (!input.name || input.name->empty()) {
    throw Invalid("missing_field", "name is required", "name");
  }
}

std::set<std::string> RolePermissions(const std::vector<std::string>& requested,
                                      const std::set<std::string>& known) {
  std::set<std::string> permissions;
  for (const auto& permission : requested) {
    if (known.count(permission) == 0) {
      throw Invalid("unknown_permission", "no permission '" + permission + "'", "permissions")
          .With("permission", permission);
    }
    permissions.insert(permission);
  }
  if (auto violation = SeparationOfDutiesViolation(permissions)) {
    throw Invalid("separation_of_duties", *violation, "permissions");
  }
  return permissions;
}

void ValidateTokenRequest(const std::string& name, int valid_days, int max_days) {
  if (name.empty() || name.size() > 128) {
    throw Invalid("invalid_name", "name: 1-128 characters", "name")
        .With("min", "1")
        .With("max", "128");
  }
  if (valid_days < 1 || valid_days > max_days) {
    throw Invalid("invalid_expiry", "expiresInDays: 1-" + std::to_string(max_days),
                  "expiresInDays");
  }
}

}  // namespace mams::identity
