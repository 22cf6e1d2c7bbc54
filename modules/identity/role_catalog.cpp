#include "modules/identity/role_catalog.h"

namespace mams::identity {

const std::vector<BuiltinRole>& BuiltinRoles() {
  static const std::vector<BuiltinRole> kRoles = {
      {kGroupAdmin, "集团管理员", "Group administrator", false, true},
      {kGroupAnalyst, "集团领导/分析员", "Group leader / analyst", false, false},
      {kProvinceManager, "省级大客户经理", "Provincial key-account manager", false, false},
      {kAccountManager, "客户经理", "Account manager", true, false},
      {kLocalStaff, "本地网服务人员", "Local service staff", false, false},
      {kSystemAdmin, "系统管理员", "System administrator", false, true},
      {kSecurityAuditor, "安全审计员", "Security auditor", false, true},
  };
  return kRoles;
}

std::optional<std::string> SeparationOfDutiesViolation(const std::set<std::string>& permissions) {
  const bool audits = permissions.count("audit:read") > 0;
  const bool administers = permissions.count(kUsersAdmin) > 0 || permissions.count(kRolesAdmin) > 0;
  if (audits && administers) {
    return std::string(
        "separation of duties: audit:read cannot be held together with users:admin or "
        "roles:admin (审计权限与用户/角色管理权限不得由同一人持有)");
  }
  return std::nullopt;
}

}  // namespace mams::identity
