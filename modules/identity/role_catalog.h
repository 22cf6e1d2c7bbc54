#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mams::identity {

/// Role codes shipped with MAMS. Administrators may edit their permissions (and add roles);
/// the codes stay.
inline constexpr char kGroupAdmin[] = "group_admin";
inline constexpr char kGroupAnalyst[] = "group_analyst";
inline constexpr char kProvinceManager[] = "province_manager";
inline constexpr char kAccountManager[] = "account_manager";
inline constexpr char kLocalStaff[] = "local_staff";
inline constexpr char kSystemAdmin[] = "system_admin";
inline constexpr char kSecurityAuditor[] = "security_auditor";

struct BuiltinRole {
  const char* code;
  const char* name;      ///< Chinese
  const char* name_en;
  bool own_customers_only;  ///< limited to the customers assigned to the user
  bool requires_mfa;        ///< second factor required at log-in (MLPS level 3)
};

/// The seven shipped roles, in display order.
const std::vector<BuiltinRole>& BuiltinRoles();

/// Permissions that no one user may hold together (separation of duties, MLPS 2.0): the
/// right to read the operation log and the right to change users or roles. Returns the
/// explanation when `permissions` breaks the rule.
std::optional<std::string> SeparationOfDutiesViolation(const std::set<std::string>& permissions);

}  // namespace mams::identity
