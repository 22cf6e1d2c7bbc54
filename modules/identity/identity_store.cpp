#include "modules/identity/identity_store.h"

#include <map>

#include "modules/identity/identity_entities.h"
#include "node/storage/like_pattern.h"

namespace mams::identity {
namespace {

constexpr char kSelectUserRoles[] =
    "SELECT r.code FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
    " WHERE ur.user_id = ? AND r.deleted = 0 ORDER BY r.code";
constexpr char kDeleteUserRoles[] = "DELETE FROM user_roles WHERE user_id = ?";
constexpr char kInsertUserRole[] =
    "INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles WHERE code = ?";
constexpr char kSelectGrants[] =
    "SELECT rp.role_id, rp.permission FROM role_permissions rp ORDER BY rp.permission";
constexpr char kDeleteGrants[] = "DELETE FROM role_permissions WHERE role_id = ?";
constexpr char kInsertGrant[] = "INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)";
constexpr char kSelectApplied[] = "SELECT permission FROM permission_defaults_applied";
constexpr char kInsertApplied[] =
    "INSERT INTO permission_defaults_applied (permission, applied_at) VALUES (?, ?)";
constexpr char kGrantDefault[] =
    "INSERT INTO role_permissions (role_id, permission) SELECT id, ? FROM roles WHERE code = ?";

// What a user's update writes; the rest (id, username, created_at) never changes.
const std::vector<std::string>& UserUpdateColumns() {
  static const std::vector<std::string> columns = {
      "display_name", "org_code",    "password_hash",       "password_changed_at",
      "phone",        "email",       "failed_attempts",     "locked_until_ms",
      "disabled",     "totp_secret", "totp_pending_secret", "totp_last_step",
      "updated_at"};
  return columns;
}

const std::vector<std::string>& RoleUpdateColumns() {
  static const std::vector<std::string> columns = {"name", "name_en", "own_customers_only",
                                                   "requires_mfa"};
  return columns;
}

// Every declared column, then the row bookkeeping; built once for the statement cache.
const std::string& InsertUserSql() {
  static const std::string sql = [] {
    std::vector<std::string> columns = UserEntity().shape().Columns();
    columns.insert(columns.end(), {"owner_node", "deleted"});
    return UserEntity().shape().InsertSql(columns);
  }();
  return sql;
}

const std::string& UpdateUserSql() {
  static const std::string sql =
      UserEntity().shape().UpdateSql(UserUpdateColumns(), "version = version + 1", "id = ?");
  return sql;
}

const std::string& InsertRoleSql() {
  static const std::string sql = [] {
    std::vector<std::string> columns = RoleEntity().shape().Columns();
    columns.insert(columns.end(), {"org_code", "owner_node", "updated_at", "deleted"});
    return RoleEntity().shape().InsertSql(columns);
  }();
  return sql;
}

const std::string& UpdateRoleSql() {
  static const std::string sql = RoleEntity().shape().UpdateSql(
      RoleUpdateColumns(), "version = version + 1, updated_at = ?", "id = ?");
  return sql;
}

std::optional<UserRecord> FindOne(storage::Session& session, const std::string& where,
                                  const std::string& value) {
  const auto rows = session.Query(UserEntity().SelectSql() + where, {value});
  if (rows.empty()) {
    return std::nullopt;
  }
  UserRecord user = UserEntity().Read(rows[0]);
  const auto roles = session.Query(kSelectUserRoles, {user.id});
  for (std::size_t i = 0; i < roles.size(); ++i) {
    user.roles.push_back(roles[i].Text(0));
  }
  return user;
}

}  // namespace

std::optional<UserRecord> IdentityStore::FindUserByName(storage::Session& session,
                                                        const std::string& username) {
  return FindOne(session, " WHERE username = ? AND deleted = 0", username);
}

std::optional<UserRecord> IdentityStore::FindUser(storage::Session& session,
                                                  const std::string& id) {
  return FindOne(session, " WHERE id = ? AND deleted = 0", id);
}

std::vector<UserRecord> IdentityStore::ListUsers(storage::Session& session,
                                                 const std::string& scope_condition,
                                                 const storage::SqlParams& scope_params,
                                                 const UserFilter& filter,
                                                 const std::string& order_by, int limit,
                                                 int offset, std::int64_t* total) {
  std::string where = " WHERE deleted = 0 AND " + scope_condition;
  storage::SqlParams params = scope_params;
  if (filter.org) {
    where += " AND org_code = ?";
    params.emplace_back(*filter.org);
  }
  if (filter.role) {
    where += " AND id IN (SELECT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
             " WHERE r.code = ?)";
    params.emplace_back(*filter.role);
  }
  if (filter.text) {
    // The user's text literally: a `%` or `_` typed in a search box is not a wildcard.
    where += std::string(" AND (username LIKE ?") + storage::kLikeEscape +
             " OR display_name LIKE ?" + storage::kLikeEscape + ")";
    params.emplace_back(storage::LikeContaining(*filter.text));
    params.emplace_back(storage::LikeContaining(*filter.text));
  }
  if (filter.display_name) {
    where += std::string(" AND display_name LIKE ?") + storage::kLikeEscape;
    params.emplace_back(storage::LikeContaining(*filter.display_name));
  }
  if (filter.disabled) {
    where += " AND disabled = ?";
    params.emplace_back(std::int64_t{*filter.disabled ? 1 : 0});
  }
  *total = session.Query("SELECT COUNT(*) FROM users" + where, params).ScalarInt();
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  const auto rows = session.Query(
      UserEntity().SelectSql() + where + " ORDER BY " + order_by + " LIMIT ? OFFSET ?", params);
  std::vector<UserRecord> users;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    users.push_back(UserEntity().Read(rows[i]));
    const auto roles = session.Query(kSelectUserRoles, {users.back().id});
    for (std::size_t r = 0; r < roles.size(); ++r) {
      users.back().roles.push_back(roles[r].Text(0));
    }
  }
  return users;
}

void IdentityStore::InsertUser(storage::Session& session, const UserRecord& user,
                               const std::string& owner_node, const std::string& now) {
  UserRecord row = user;
  row.created_at = now;
  row.updated_at = now;
  row.version = 1;
  storage::SqlParams values = UserEntity().Values(row, UserEntity().shape().Columns());
  values.insert(values.end(), {owner_node, std::int64_t{0}});
  session.Execute(InsertUserSql(), values);
  SetUserRoles(session, user.id, user.roles);
}

void IdentityStore::UpdateUser(storage::Session& session, const UserRecord& user,
                               const std::string& now) {
  UserRecord row = user;
  row.updated_at = now;
  storage::SqlParams values = UserEntity().Values(row, UserUpdateColumns());
  values.emplace_back(user.id);
  session.Execute(UpdateUserSql(), values);
}

void IdentityStore::SetUserRoles(storage::Session& session, const std::string& user_id,
                                 const std::vector<std::string>& role_codes) {
  session.Execute(kDeleteUserRoles, {user_id});
  for (const auto& code : role_codes) {
    session.Execute(kInsertUserRole, {user_id, code});
  }
}

std::vector<RoleRecord> IdentityStore::AllRoles(storage::Session& session) {
  std::vector<RoleRecord> roles;
  std::map<std::string, std::size_t> by_id;
  const auto rows =
      session.Query(RoleEntity().SelectSql() + " WHERE deleted = 0 ORDER BY builtin DESC, code");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    RoleRecord role = RoleEntity().Read(rows[i]);
    by_id[role.id] = roles.size();
    roles.push_back(std::move(role));
  }
  const auto grants = session.Query(kSelectGrants);
  for (std::size_t i = 0; i < grants.size(); ++i) {
    const auto found = by_id.find(grants[i].Text(0));
    if (found != by_id.end()) {
      roles[found->second].permissions.insert(grants[i].Text(1));
    }
  }
  return roles;
}

std::optional<RoleRecord> IdentityStore::FindRole(storage::Session& session,
                                                  const std::string& code) {
  for (auto& role : AllRoles(session)) {
    if (role.code == code) {
      return role;
    }
  }
  return std::nullopt;
}

void IdentityStore::InsertRole(storage::Session& session, const RoleRecord& role,
                               const std::string& owner_node, const std::string& now) {
  RoleRecord row = role;
  row.builtin = false;  // shipped roles come from the migrations only
  row.version = 1;
  storage::SqlParams values = RoleEntity().Values(row, RoleEntity().shape().Columns());
  values.insert(values.end(), {std::string("CN"), owner_node, now, std::int64_t{0}});
  session.Execute(InsertRoleSql(), values);
  for (const auto& permission : role.permissions) {
    session.Execute(kInsertGrant, {role.id, permission});
  }
}

void IdentityStore::UpdateRole(storage::Session& session, const RoleRecord& role,
                               const std::string& now) {
  storage::SqlParams values = RoleEntity().Values(role, RoleUpdateColumns());
  values.insert(values.end(), {now, role.id});
  session.Execute(UpdateRoleSql(), values);
  session.Execute(kDeleteGrants, {role.id});
  for (const auto& permission : role.permissions) {
    session.Execute(kInsertGrant, {role.id, permission});
  }
}

std::vector<std::string> IdentityStore::ApplyDefaultGrants(
    storage::Session& session, const std::vector<module::PermissionDecl>& permissions,
    const std::string& now) {
  std::set<std::string> applied;
  const auto rows = session.Query(kSelectApplied);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    applied.insert(rows[i].Text(0));
  }
  std::vector<std::string> newly;
  for (const auto& permission : permissions) {
    if (applied.count(permission.name) > 0) {
      continue;
    }
    for (const auto& role : permission.default_roles) {
      session.Execute(kGrantDefault, {permission.name, role});
    }
    session.Execute(kInsertApplied, {permission.name, now});
    applied.insert(permission.name);
    newly.push_back(permission.name);
  }
  return newly;
}

}  // namespace mams::identity
