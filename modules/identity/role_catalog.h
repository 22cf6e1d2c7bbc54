#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "node/auth/roles.h"

namespace mams::identity {

// The shipped role codes are framework vocabulary (node/auth/roles.h).
using auth::kAccountManager;
using auth::kGroupAdmin;
using auth::kGroupAnalyst;
using auth::kLocalStaff;
using auth::kProvinceManager;
using auth::kSecurityAuditor;
using auth::kSystemAdmin;

struct BuiltinRole {
  const char* code;
  const char* name;  ///< Chinese
  const char* name_en;
  bool own_customers_only;  ///< own records only (Principal::own_records_only)
  bool requires_mfa;        ///< second factor required at log-in (MLPS level 3)
};

/// The seven shipped roles, in display order.
const std::vector<BuiltinRole>& BuiltinRoles();

/// The module's permissions, as its routes require them and separation of duties names
/// them; declared with their descriptions and default grants in identity_module.cpp.
inline constexpr char kUsersRead[] = "users:read";
inline constexpr char kUsersAdmin[] = "users:admin";
inline constexpr char kRolesAdmin[] = "roles:admin";
inline constexpr char kTokensAdmin[] = "tokens:admin";

/// Permissions that no one user may hold together (separation of duties, MLPS 2.0): the
/// right to read the operation log and the right to change users or roles. Returns the
/// explanation when `permissions` breaks the rule.
std::optional<std::string> SeparationOfDutiesViolation(const std::set<std::string>& permissions);

}  // namespace mams::identity
