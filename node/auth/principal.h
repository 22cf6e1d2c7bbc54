#pragma once

#include <set>
#include <string>

namespace mams::auth {

/// Permission of routes any logged-in caller may use, even before the second factor
/// (who am I, log out, enrol or verify TOTP, change one's own password).
inline constexpr char kAuthenticated[] = "authenticated";

/// Who is calling, as established by the identity module for one request.
struct Principal {
  enum class Via { kSession, kToken };

  std::string user_id;
  std::string username;
  std::string display_name;
  std::string org_code;                 ///< the user's org; data scope is its subtree
  std::set<std::string> permissions;    ///< union over the user's roles
  std::set<std::string> roles;          ///< role codes
  bool own_records_only = false;        ///< a role limits them to records assigned to them
  Via via = Via::kSession;
  std::string credential_id;            ///< session id hash or API token id
  std::string csrf_token;               ///< sessions only
  bool mfa_pending = false;             ///< logged in with a password, second factor still due

  bool Has(const std::string& permission) const { return permissions.count(permission) > 0; }
};

}  // namespace mams::auth
