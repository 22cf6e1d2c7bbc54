#include "modules/identity/identity_store.h"

#include <map>

#include "node/storage/like_pattern.h"

namespace mams::identity {
namespace {

constexpr char kUserColumns[] =
    "SELECT id, username, display_name, org_code, phone, email, password_hash,"
    " password_changed_at, failed_attempts, locked_until_ms, disabled, totp_secret,"
    " totp_pending_secret, totp_last_step, created_at, version, updated_at FROM users";
constexpr char kSelectUserRoles[] =
    "SELECT r.code FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
    " WHERE ur.user_id = ? AND r.deleted = 0 ORDER BY r.code";
constexpr char kInsertUser[] =
    "INSERT INTO users (id, username, display_name, org_code, phone, email, password_hash,"
    " password_changed_at, failed_attempts, locked_until_ms, disabled, totp_secret,"
    " totp_pending_secret, totp_last_step, created_at, owner_node, version, updated_at, deleted)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 0)";
constexpr char kUpdateUser[] =
    "UPDATE users SET display_name = ?, org_code = ?, phone = ?, email = ?, password_hash = ?,"
    " password_changed_at = ?, failed_attempts = ?, locked_until_ms = ?, disabled = ?,"
    " totp_secret = ?, totp_pending_secret = ?, totp_last_step = ?, version = version + 1,"
    " updated_at = ? WHERE id = ?";
constexpr char kDeleteUserRoles[] = "DELETE FROM user_roles WHERE user_id = ?";
constexpr char kInsertUserRole[] =
    "INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles WHERE code = ?";
constexpr char kSelectRoles[] =
    "SELECT id, code, name, name_en, own_customers_only, requires_mfa, builtin, version"
    " FROM roles WHERE deleted = 0 ORDER BY builtin DESC, code";
constexpr char kSelectGrants[] =
    "SELECT rp.role_id, rp.permission FROM role_permissions rp ORDER BY rp.permission";
constexpr char kInsertRole[] =
    "INSERT INTO roles (id, code, name, name_en, own_customers_only, requires_mfa, builtin,"
    " org_code, owner_node, version, updated_at, deleted) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 1, ?, 0)";
constexpr char kUpdateRole[] =
    "UPDATE roles SET name = ?, name_en = ?, own_customers_only = ?, requires_mfa = ?,"
    " version = version + 1, updated_at = ? WHERE id = ?";
constexpr char kDeleteGrants[] = "DELETE FROM role_permissions WHERE role_id = ?";
constexpr char kInsertGrant[] = "INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)";
constexpr char kSelectApplied[] = "SELECT permission FROM permission_defaults_applied";
constexpr char kInsertApplied[] =
    "INSERT INTO permission_defaults_applied (permission, applied_at) VALUES (?, ?)";
constexpr char kGrantDefault[] =
    "INSERT INTO role_permissions (role_id, permission) SELECT id, ? FROM roles WHERE code = ?";

UserRecord ReadUser(const storage::Row& row) {
  UserRecord user;
  user.id = row.Text(0);
  user.username = row.Text(1);
  user.display_name = row.Text(2);
  user.org_code = row.Text(3);
  user.phone = row.Text(4);
  user.email = row.Text(5);
  user.password_hash = row.Text(6);
  user.password_changed_at = row.Text(7);
  user.failed_attempts = static_cast<int>(row.Int(8));
  user.locked_until_ms = row.Int(9);
  user.disabled = row.Int(10) != 0;
  user.totp_secret = row.Text(11);
  user.totp_pending_secret = row.Text(12);
  user.totp_last_step = row.Int(13);
  user.created_at = row.Text(14);
  user.version = row.Int(15);
  user.updated_at = row.Text(16);
  return user;
}

std::optional<UserRecord> FindOne(storage::Session& session, const std::string& where,
                                  const std::string& value) {
  const auto rows = session.Query(std::string(kUserColumns) + where, {value});
  if (rows.empty()) {
    return std::nullopt;
  }
  UserRecord user = ReadUser(rows[0]);
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
  if (filter.disabled) {
    where += " AND disabled = ?";
    params.emplace_back(std::int64_t{*filter.disabled ? 1 : 0});
  }
  *total = session.Query("SELECT COUNT(*) FROM users" + where, params).ScalarInt();
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  const auto rows = session.Query(
      std::string(kUserColumns) + where + " ORDER BY " + order_by + " LIMIT ? OFFSET ?", params);
  std::vector<UserRecord> users;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    users.push_back(ReadUser(rows[i]));
    const auto roles = session.Query(kSelectUserRoles, {users.back().id});
    for (std::size_t r = 0; r < roles.size(); ++r) {
      users.back().roles.push_back(roles[r].Text(0));
    }
  }
  return users;
}

void IdentityStore::InsertUser(storage::Session& session, const UserRecord& user,
                               const std::string& owner_node, const std::string& now) {
  session.Execute(kInsertUser,
                  {user.id, user.username, user.display_name, user.org_code, user.phone,
                   user.email, user.password_hash, user.password_changed_at,
                   std::int64_t{user.failed_attempts}, user.locked_until_ms,
                   std::int64_t{user.disabled ? 1 : 0}, user.totp_secret, user.totp_pending_secret,
                   user.totp_last_step, now, owner_node, now});
  SetUserRoles(session, user.id, user.roles);
}

void IdentityStore::UpdateUser(storage::Session& session, const UserRecord& user,
                               const std::string& now) {
  session.Execute(kUpdateUser,
                  {user.display_name, user.org_code, user.phone, user.email, user.password_hash,
                   user.password_changed_at, std::int64_t{user.failed_attempts},
                   user.locked_until_ms, std::int64_t{user.disabled ? 1 : 0}, user.totp_secret,
                   user.totp_pending_secret, user.totp_last_step, now, user.id});
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
  const auto rows = session.Query(kSelectRoles);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    RoleRecord role;
    role.id = rows[i].Text(0);
    role.code = rows[i].Text(1);
    role.name = rows[i].Text(2);
    role.name_en = rows[i].Text(3);
    role.own_customers_only = rows[i].Int(4) != 0;
    role.requires_mfa = rows[i].Int(5) != 0;
    role.builtin = rows[i].Int(6) != 0;
    role.version = rows[i].Int(7);
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
  session.Execute(kInsertRole, {role.id, role.code, role.name, role.name_en,
                                std::int64_t{role.own_customers_only ? 1 : 0},
                                std::int64_t{role.requires_mfa ? 1 : 0}, std::string("CN"),
                                owner_node, now});
  for (const auto& permission : role.permissions) {
    session.Execute(kInsertGrant, {role.id, permission});
  }
}

void IdentityStore::UpdateRole(storage::Session& session, const RoleRecord& role,
                               const std::string& now) {
  session.Execute(kUpdateRole, {role.name, role.name_en,
                                std::int64_t{role.own_customers_only ? 1 : 0},
                                std::int64_t{role.requires_mfa ? 1 : 0}, now, role.id});
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
