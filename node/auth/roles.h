#pragma once

// Framework vocabulary every module may use: the shipped role codes, to which a module grants
// its permissions by default (PermissionDecl::default_roles). The other word of that
// vocabulary, "own records only", is Principal::own_records_only (principal.h). The identity
// module stores roles and decides who holds them; it does not own the words.
namespace mams::auth {

/// Role codes shipped with MAMS. Administrators may edit their permissions (and add roles);
/// the codes stay.
inline constexpr char kGroupAdmin[] = "group_admin";
inline constexpr char kGroupAnalyst[] = "group_analyst";
inline constexpr char kProvinceManager[] = "province_manager";
inline constexpr char kAccountManager[] = "account_manager";
inline constexpr char kLocalStaff[] = "local_staff";
inline constexpr char kSystemAdmin[] = "system_admin";
inline constexpr char kSecurityAuditor[] = "security_auditor";

}  // namespace mams::auth
