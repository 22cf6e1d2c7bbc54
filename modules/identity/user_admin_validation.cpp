#include "modules/identity/user_admin_validation.h"

#include <regex>

#include "modules/identity/role_catalog.h"

namespace mams::identity {

ApiError Invalid(const std::string& code, const std::string& message, const std::string& field) {
  return ApiError(ErrorKind::kUnprocessable, code, message, field);
}

void RequireNewUserFields(const entity::Patch& input) {
  for (const char* field : {"username", "displayName", "org", "password"}) {
    if (!input.Has(field)) {
      throw Invalid("missing_field", std::string(field) + " is required", field);
    }
  }
}

void ValidateProfile(const entity::Patch& input) {
  static const std::regex kUsername("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
  static const std::regex kPhone("[0-9+() -]{0,32}");
  const auto username = input.Text("username");
  if (username && !std::regex_match(*username, kUsername)) {
    throw Invalid("invalid_username", "username: 3-64 letters, digits, '.', '_' or '-'",
                  "username");
  }
  const auto display_name = input.Text("displayName");
  if (display_name && (display_name->empty() || display_name->size() > 128)) {
    throw Invalid("invalid_display_name", "displayName: 1-128 characters", "displayName");
  }
  const auto phone = input.Text("phone");
  if (phone && !std::regex_match(*phone, kPhone)) {
    throw Invalid("invalid_phone", "phone: digits, '+', '-', spaces, up to 32", "phone");
  }
  const auto email = input.Text("email");
  if (email && !email->empty() && (email->size() > 128 || email->find('@') == std::string::npos)) {
    throw Invalid("invalid_email", "email: an address with '@', up to 128 characters", "email");
  }
}

void ValidateNewRole(const entity::Patch& input) {
  static const std::regex kCode("[a-z][a-z0-9_]{2,63}");
  const auto code = input.Text("code");
  if (!code || !std::regex_match(*code, kCode)) {
    throw Invalid("invalid_code", "code: 3-64 lower-case letters, digits or '_'", "code")
        .With("min", "3")
        .With("max", "64");
  }
  if (input.Text("name").value_or("").empty()) {
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
