#include "modules/identity/user_admin_service.h"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <regex>

#include "modules/identity/login_service.h"
#include "modules/identity/password_hasher.h"
#include "modules/identity/role_catalog.h"
#include "modules/identity/secrets.h"
#include "modules/identity/session_authenticator.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/common/ids.h"
#include "node/common/row_version.h"
#include "node/config/node_config.h"
#include "node/http/json.h"
#include "node/privacy/masking.h"
#include "node/storage/storage.h"

namespace mams::identity {
namespace {

constexpr int kTokenBytes = 32;
constexpr char kTokenPrefix[] = "mams_";
constexpr int kMaxTokenDays = 366;

ApiError Invalid(const std::string& code, const std::string& message, const std::string& field) {
  return ApiError(ErrorKind::kUnprocessable, code, message, field);
}

// A row this transaction has just written, read back before the commit (afterwards another
// request may have changed it) and without the caller's scope: the write itself was checked.
UserRecord ReadBackUser(storage::Session& session, const std::string& id) {
  auto user = IdentityStore::FindUser(session, id);
  if (!user) {
    throw ApiError(ErrorKind::kInternal, "write_not_found", "a user just written is gone");
  }
  return std::move(*user);
}

RoleRecord ReadBackRole(storage::Session& session, const std::string& code) {
  auto role = IdentityStore::FindRole(session, code);
  if (!role) {
    throw ApiError(ErrorKind::kInternal, "write_not_found", "a role just written is gone");
  }
  return std::move(*role);
}

void ValidateProfile(const UserInput& input) {
  static const std::regex kUsername("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
  static const std::regex kPhone("[0-9+() -]{0,32}");
  if (input.username && !std::regex_match(*input.username, kUsername)) {
    throw Invalid("invalid_username", "username: 3-64 letters, digits, '.', '_' or '-'", "username");
  }
  if (input.display_name && (input.display_name->empty() || input.display_name->size() > 128)) {
    throw Invalid("invalid_display_name", "displayName: 1-128 characters", "displayName");
  }
  if (input.phone && !std::regex_match(*input.phone, kPhone)) {
    throw Invalid("invalid_phone", "phone: digits, '+', '-', spaces, up to 32", "phone");
  }
  if (input.email && !input.email->empty() &&
      (input.email->size() > 128 || input.email->find('@') == std::string::npos)) {
    throw Invalid("invalid_email", "email: an address with '@', up to 128 characters", "email");
  }
}

std::string RoleAuditJson(const RoleRecord& role) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("code", role.code);
  object.set("name", role.name);
  Poco::JSON::Array permissions;
  for (const auto& permission : role.permissions) {
    permissions.add(permission);
  }
  object.set("permissions", permissions);
  object.set("ownCustomersOnly", role.own_customers_only);
  object.set("requiresMfa", role.requires_mfa);
  return http::ToJson(object);
}

}  // namespace

std::string UserAuditJson(const UserRecord& user) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("username", user.username);
  object.set("displayName", user.display_name);
  object.set("org", user.org_code);
  object.set("phone", privacy::MaskPhone(user.phone));
  object.set("email", privacy::MaskEmail(user.email));
  Poco::JSON::Array roles;
  for (const auto& role : user.roles) {
    roles.add(role);
  }
  object.set("roles", roles);
  object.set("disabled", user.disabled);
  return http::ToJson(object);
}

void UserAdminService::Changed() { context_.authenticator->Forget(); }

std::set<std::string> UserAdminService::KnownPermissions() const {
  std::set<std::string> known;
  for (const auto& permission : context_.permissions) {
    known.insert(permission.name);
  }
  return known;
}

void UserAdminService::CheckRoles(const std::vector<std::string>& codes,
                                  storage::Session& session) {
  std::set<std::string> permissions;
  const auto roles = IdentityStore::AllRoles(session);
  for (const auto& code : codes) {
    const auto found = std::find_if(roles.begin(), roles.end(),
                                    [&code](const RoleRecord& role) { return role.code == code; });
    if (found == roles.end()) {
      throw Invalid("unknown_role", "no role '" + code + "'", "roles").With("role", code);
    }
    permissions.insert(found->permissions.begin(), found->permissions.end());
  }
  if (auto violation = SeparationOfDutiesViolation(permissions)) {
    throw Invalid("separation_of_duties", *violation, "roles");
  }
}

std::vector<UserRecord> UserAdminService::List(const auth::DataScope& scope,
                                               const UserFilter& filter,
                                               const std::string& order_by, int limit, int offset,
                                               std::int64_t* total) {
  storage::SqlParams params;
  const std::string condition = scope.SqlCondition("org_code", &params);
  auto session = context_.storage.Open();
  return IdentityStore::ListUsers(*session, condition, params, filter, order_by, limit, offset,
                                  total);
}

UserRecord UserAdminService::Get(const auth::DataScope& scope, const std::string& id) {
  auto session = context_.storage.Open();
  auto user = IdentityStore::FindUser(*session, id);
  if (!user || !scope.Allows(user->org_code)) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no such user");
  }
  return *user;
}

UserRecord UserAdminService::Create(const auth::DataScope& scope, const UserInput& input,
                                    const audit::Actor& actor) {
  if (!input.username || !input.display_name || !input.org || !input.password) {
    const std::string missing = !input.username       ? "username"
                                : !input.display_name ? "displayName"
                                : !input.org          ? "org"
                                                      : "password";
    throw Invalid("missing_field", missing + " is required", missing);
  }
  ValidateProfile(input);
  if (!scope.Allows(*input.org)) {
    throw Invalid("org_out_of_scope", "org '" + *input.org + "' is not in your scope", "org")
        .With("org", *input.org);
  }
  EnforcePasswordPolicy(context_.policy, *input.password, *input.username, "password");
  UserRecord user;
  user.id = NewRowId();
  user.username = *input.username;
  user.display_name = *input.display_name;
  user.org_code = *input.org;
  user.phone = input.phone.value_or("");
  user.email = input.email.value_or("");
  user.disabled = input.disabled.value_or(false);
  user.roles = input.roles.value_or(std::vector<std::string>{});
  const std::string now = FormatIsoUtc(context_.clock.NowMs());
  user.password_hash = HashPassword(*input.password, context_.config.password_iterations);
  user.password_changed_at = now;
  auto session = context_.storage.Open();
  CheckRoles(user.roles, *session);
  if (IdentityStore::FindUserByName(*session, user.username)) {
    throw ApiError(ErrorKind::kConflict, "username_taken",
                   "username '" + user.username + "' is taken", "username")
        .With("username", user.username);
  }
  storage::Transaction transaction(*session);
  IdentityStore::InsertUser(*session, user, context_.node_id, now);
  audit::Entry entry = audit::EntryFor("user.create", "user", user.id, user.org_code);
  entry.after = UserAuditJson(user);
  context_.audit.Append(*session, actor, entry);
  UserRecord created = ReadBackUser(*session, user.id);
  transaction.Commit();
  return created;
}

UserRecord UserAdminService::Update(const auth::Principal& caller, const auth::DataScope& scope,
                                    const std::string& id, const UserInput& input,
                                    std::optional<std::int64_t> if_match,
                                    const audit::Actor& actor) {
  if (input.username || input.password) {
    throw Invalid("read_only_field",
                  input.username ? "username cannot be changed" : "use the password reset",
                  input.username ? "username" : "password");
  }
  ValidateProfile(input);
  UserRecord user = Get(scope, id);
  RequireVersion(user.version, if_match, "user");
  if (input.roles && caller.user_id == user.id) {
    throw ApiError(ErrorKind::kForbidden, "own_roles", "you cannot change your own roles");
  }
  if (input.org && !scope.Allows(*input.org)) {
    throw Invalid("org_out_of_scope", "org '" + *input.org + "' is not in your scope", "org")
        .With("org", *input.org);
  }
  const std::string before = UserAuditJson(user);
  user.display_name = input.display_name.value_or(user.display_name);
  user.org_code = input.org.value_or(user.org_code);
  user.phone = input.phone.value_or(user.phone);
  user.email = input.email.value_or(user.email);
  user.disabled = input.disabled.value_or(user.disabled);
  auto session = context_.storage.Open();
  if (input.roles) {
    CheckRoles(*input.roles, *session);
    user.roles = *input.roles;
  }
  storage::Transaction transaction(*session);
  IdentityStore::UpdateUser(*session, user, FormatIsoUtc(context_.clock.NowMs()));
  if (input.roles) {
    IdentityStore::SetUserRoles(*session, user.id, user.roles);
  }
  if (user.disabled || input.roles || input.org) {
    CredentialStore::DeleteUserSessions(*session, user.id);  // new rights need a new log-in
  }
  audit::Entry entry = audit::EntryFor(input.roles ? "user.permissions_change" : "user.update", "user",
                             user.id, user.org_code);
  entry.before = before;
  entry.after = UserAuditJson(user);
  context_.audit.Append(*session, actor, entry);
  UserRecord updated = ReadBackUser(*session, id);
  transaction.Commit();
  Changed();
  return updated;
}

void UserAdminService::ResetPassword(const auth::DataScope& scope, const std::string& id,
                                     const std::string& password, const audit::Actor& actor) {
  UserRecord user = Get(scope, id);
  EnforcePasswordPolicy(context_.policy, password, user.username, "password");
  const std::string now = FormatIsoUtc(context_.clock.NowMs());
  user.password_hash = HashPassword(password, context_.config.password_iterations);
  user.password_changed_at = now;
  user.failed_attempts = 0;
  user.locked_until_ms = 0;
  auto session = context_.storage.Open();
  storage::Transaction transaction(*session);
  IdentityStore::UpdateUser(*session, user, now);
  CredentialStore::DeleteUserSessions(*session, user.id);
  context_.audit.Append(*session, actor, audit::EntryFor("user.password_reset", "user", id, user.org_code));
  transaction.Commit();
  Changed();
}

void UserAdminService::Unlock(const auth::DataScope& scope, const std::string& id,
                              const audit::Actor& actor) {
  UserRecord user = Get(scope, id);
  user.failed_attempts = 0;
  user.locked_until_ms = 0;
  auto session = context_.storage.Open();
  storage::Transaction transaction(*session);
  IdentityStore::UpdateUser(*session, user, FormatIsoUtc(context_.clock.NowMs()));
  context_.audit.Append(*session, actor, audit::EntryFor("user.unlock", "user", id, user.org_code));
  transaction.Commit();
}

void UserAdminService::ResetTotp(const auth::DataScope& scope, const std::string& id,
                                 const audit::Actor& actor) {
  UserRecord user = Get(scope, id);
  user.totp_secret.clear();
  user.totp_pending_secret.clear();
  user.totp_last_step = 0;
  auto session = context_.storage.Open();
  storage::Transaction transaction(*session);
  IdentityStore::UpdateUser(*session, user, FormatIsoUtc(context_.clock.NowMs()));
  CredentialStore::ReplaceRecoveryCodes(*session, user.id, {});
  CredentialStore::DeleteUserSessions(*session, user.id);
  context_.audit.Append(*session, actor, audit::EntryFor("user.totp_reset", "user", id, user.org_code));
  transaction.Commit();
  Changed();
}

IssuedToken UserAdminService::CreateToken(const auth::DataScope& scope, const std::string& user_id,
                                          const std::string& name, int valid_days,
                                          const audit::Actor& actor) {
  const UserRecord user = Get(scope, user_id);
  if (name.empty() || name.size() > 128) {
    throw Invalid("invalid_name", "name: 1-128 characters", "name")
        .With("min", "1")
        .With("max", "128");
  }
  if (valid_days < 1 || valid_days > kMaxTokenDays) {
    throw Invalid("invalid_expiry", "expiresInDays: 1-366", "expiresInDays");
  }
  const std::int64_t now = context_.clock.NowMs();
  IssuedToken issued;
  issued.secret = kTokenPrefix + RandomToken(kTokenBytes);
  issued.record.id = NewRowId();
  issued.record.user_id = user.id;
  issued.record.name = name;
  issued.record.token_hash = HashToken(issued.secret);
  issued.record.created_by = actor.user_id;
  issued.record.created_ms = now;
  issued.record.expires_ms = now + std::int64_t{valid_days} * 86400000;
  auto session = context_.storage.Open();
  storage::Transaction transaction(*session);
  CredentialStore::InsertToken(*session, issued.record);
  audit::Entry entry = audit::EntryFor("api_token.create", "api_token", issued.record.id, user.org_code);
  entry.detail = "for " + user.username + ": " + name;
  context_.audit.Append(*session, actor, entry);
  transaction.Commit();
  return issued;
}

std::vector<TokenRecord> UserAdminService::Tokens(const auth::DataScope& scope,
                                                  const std::string& user_id) {
  Get(scope, user_id);
  auto session = context_.storage.Open();
  return CredentialStore::UserTokens(*session, user_id);
}

void UserAdminService::RevokeToken(const auth::DataScope& scope, const std::string& token_id,
                                   const audit::Actor& actor) {
  auto session = context_.storage.Open();
  const auto token = CredentialStore::FindToken(*session, token_id);
  std::optional<UserRecord> owner;
  if (token) {
    owner = IdentityStore::FindUser(*session, token->user_id);
  }
  if (!token || !owner || !scope.Allows(owner->org_code)) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no such token");
  }
  storage::Transaction transaction(*session);
  CredentialStore::RevokeToken(*session, token_id, context_.clock.NowMs());
  context_.audit.Append(*session, actor,
                        audit::EntryFor("api_token.revoke", "api_token", token_id, owner->org_code));
  transaction.Commit();
  Changed();
}

std::vector<RoleRecord> UserAdminService::Roles() {
  auto session = context_.storage.Open();
  return IdentityStore::AllRoles(*session);
}

RoleRecord UserAdminService::CreateRole(const RoleInput& input, const audit::Actor& actor) {
  static const std::regex kCode("[a-z][a-z0-9_]{2,63}");
  if (!input.code || !std::regex_match(*input.code, kCode)) {
    throw Invalid("invalid_code", "code: 3-64 lower-case letters, digits or '_'", "code")
        .With("min", "3")
        .With("max", "64");
  }
  if (!input.name || input.name->empty()) {
    throw Invalid("missing_field", "name is required", "name");
  }
  RoleRecord role;
  role.id = NewRowId();
  role.code = *input.code;
  role.name = *input.name;
  role.name_en = input.name_en.value_or(*input.name);
  role.own_customers_only = input.own_customers_only.value_or(false);
  role.requires_mfa = input.requires_mfa.value_or(false);
  const auto permissions = input.permissions.value_or(std::vector<std::string>{});
  role.permissions.insert(permissions.begin(), permissions.end());
  const auto known = KnownPermissions();
  for (const auto& permission : role.permissions) {
    if (known.count(permission) == 0) {
      throw Invalid("unknown_permission", "no permission '" + permission + "'", "permissions")
          .With("permission", permission);
    }
  }
  if (auto violation = SeparationOfDutiesViolation(role.permissions)) {
    throw Invalid("separation_of_duties", *violation, "permissions");
  }
  auto session = context_.storage.Open();
  if (IdentityStore::FindRole(*session, role.code)) {
    throw ApiError(ErrorKind::kConflict, "role_exists", "role '" + role.code + "' exists", "code")
        .With("role", role.code);
  }
  storage::Transaction transaction(*session);
  IdentityStore::InsertRole(*session, role, context_.node_id,
                            FormatIsoUtc(context_.clock.NowMs()));
  audit::Entry entry = audit::EntryFor("role.create", "role", role.id, context_.node_org);
  entry.after = RoleAuditJson(role);
  context_.audit.Append(*session, actor, entry);
  RoleRecord created = ReadBackRole(*session, role.code);
  transaction.Commit();
  return created;
}

RoleRecord UserAdminService::UpdateRole(const std::string& code, const RoleInput& input,
                                        std::optional<std::int64_t> if_match,
                                        const audit::Actor& actor) {
  auto session = context_.storage.Open();
  auto role = IdentityStore::FindRole(*session, code);
  if (!role) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no such role");
  }
  if (input.code && *input.code != code) {
    throw Invalid("read_only_field", "code cannot be changed", "code");
  }
  RequireVersion(role->version, if_match, "role");
  const std::string before = RoleAuditJson(*role);
  role->name = input.name.value_or(role->name);
  role->name_en = input.name_en.value_or(role->name_en);
  role->own_customers_only = input.own_customers_only.value_or(role->own_customers_only);
  role->requires_mfa = input.requires_mfa.value_or(role->requires_mfa);
  if (input.permissions) {
    const auto known = KnownPermissions();
    role->permissions.clear();
    for (const auto& permission : *input.permissions) {
      if (known.count(permission) == 0) {
        throw Invalid("unknown_permission", "no permission '" + permission + "'", "permissions")
            .With("permission", permission);
      }
      role->permissions.insert(permission);
    }
    if (auto violation = SeparationOfDutiesViolation(role->permissions)) {
      throw Invalid("separation_of_duties", *violation, "permissions");
    }
  }
  storage::Transaction transaction(*session);
  IdentityStore::UpdateRole(*session, *role, FormatIsoUtc(context_.clock.NowMs()));
  // A holder of this role must not end up with conflicting rights through another role.
  const auto holders = session->Query(
      "SELECT ur.user_id FROM user_roles ur WHERE ur.role_id = ?", {role->id});
  for (std::size_t i = 0; i < holders.size(); ++i) {
    const auto user = IdentityStore::FindUser(*session, holders[i].Text(0));
    if (user) {
      CheckRoles(user->roles, *session);
    }
  }
  audit::Entry entry = audit::EntryFor("role.update", "role", role->id, context_.node_org);
  entry.before = before;
  entry.after = RoleAuditJson(*role);
  context_.audit.Append(*session, actor, entry);
  RoleRecord updated = ReadBackRole(*session, code);
  transaction.Commit();
  Changed();
  return updated;
}

void UserAdminService::RecordPiiRead(const audit::Actor& actor, const std::string& org,
                                     std::size_t count, const std::string& what) {
  audit::Entry entry = audit::EntryFor("pii.read", "user", "", org);
  entry.detail = std::to_string(count) + " unmasked: " + what;
  context_.audit.AppendAlone(context_.storage, actor, entry);
}

}  // namespace mams::identity
