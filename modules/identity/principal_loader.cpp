#include "modules/identity/principal_loader.h"

#include <algorithm>

namespace mams::identity {

auth::Principal LoadPrincipal(storage::Session& session, const UserRecord& user,
                              bool mfa_for_admins, bool* requires_mfa) {
  auth::Principal principal;
  principal.user_id = user.id;
  principal.username = user.username;
  principal.display_name = user.display_name;
  principal.org_code = user.org_code;
  *requires_mfa = false;
  for (const RoleRecord& role : IdentityStore::AllRoles(session)) {
    if (std::find(user.roles.begin(), user.roles.end(), role.code) == user.roles.end()) {
      continue;
    }
    principal.roles.insert(role.code);
    principal.permissions.insert(role.permissions.begin(), role.permissions.end());
    principal.own_records_only = principal.own_records_only || role.own_customers_only;
    *requires_mfa = *requires_mfa || (mfa_for_admins && role.requires_mfa);
  }
  return principal;
}

}  // namespace mams::identity
