#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "node/module/module.h"
#include "node/storage/storage.h"

namespace mams::identity {

struct UserRecord {
  std::string id;
  std::string username;
  std::string display_name;
  std::string org_code;
  std::string phone;
  std::string email;
  std::string password_hash;
  std::string password_changed_at;
  int failed_attempts = 0;
  std::int64_t locked_until_ms = 0;
  bool disabled = false;
  std::string totp_secret;          ///< non-empty once TOTP is active
  std::string totp_pending_secret;  ///< enrolment started, not yet confirmed
  std::int64_t totp_last_step = 0;
  std::string created_at;
  std::int64_t version = 1;
  std::string updated_at;
  std::vector<std::string> roles;   ///< role codes
};

struct RoleRecord {
  std::string id;
  std::string code;
  std::string name;
  std::string name_en;
  bool own_customers_only = false;
  bool requires_mfa = false;
  bool builtin = false;
  std::int64_t version = 1;
  std::set<std::string> permissions;
};

struct UserFilter {
  std::optional<std::string> org;
  std::optional<std::string> role;
  std::optional<std::string> text;  ///< substring of username or display name
  std::optional<std::string> display_name;  ///< substring of the display name alone
  std::optional<bool> disabled;
};

/// All SQL of users, roles and their grants. Callers own the transaction.
class IdentityStore {
 public:
  static std::optional<UserRecord> FindUserByName(storage::Session& session,
                                                  const std::string& username);
  static std::optional<UserRecord> FindUser(storage::Session& session, const std::string& id);
  /// Users inside `scope_condition` (from DataScope::SqlCondition over `org_code`).
  static std::vector<UserRecord> ListUsers(storage::Session& session,
                                           const std::string& scope_condition,
                                           const storage::SqlParams& scope_params,
                                           const UserFilter& filter, const std::string& order_by,
                                           int limit, int offset, std::int64_t* total);
  static void InsertUser(storage::Session& session, const UserRecord& user,
                         const std::string& owner_node, const std::string& now);
  /// Writes every mutable column and bumps the version.
  static void UpdateUser(storage::Session& session, const UserRecord& user, const std::string& now);
  static void SetUserRoles(storage::Session& session, const std::string& user_id,
                           const std::vector<std::string>& role_codes);

  static std::vector<RoleRecord> AllRoles(storage::Session& session);
  static std::optional<RoleRecord> FindRole(storage::Session& session, const std::string& code);
  static void InsertRole(storage::Session& session, const RoleRecord& role,
                         const std::string& owner_node, const std::string& now);
  static void UpdateRole(storage::Session& session, const RoleRecord& role, const std::string& now);

  /// Grants each declared permission to its default roles the first time it is seen.
  /// Returns the permissions applied now.
  static std::vector<std::string> ApplyDefaultGrants(
      storage::Session& session, const std::vector<module::PermissionDecl>& permissions,
      const std::string& now);
};

}  // namespace mams::identity
