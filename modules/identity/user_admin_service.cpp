// UserAdminService, users and their API tokens: profiles, rights, password, lockout and TOTP
// resets. The role catalogue is in user_admin_roles.cpp, the input rules in
// user_admin_validation.cpp.
#include "modules/identity/user_admin_service.h"

#include <Poco/JSON/Object.h>

#include "modules/identity/login_service.h"
#include "modules/identity/password_hasher.h"
#include "modules/identity/secrets.h"
#include "modules/identity/session_authenticator.h"
#include "modules/identity/user_admin_validation.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/common/ids.h"
#include "node/common/row_version.h"
#include "node/common/written_row.h"
#include "node/config/node_config.h"
#include "node/http/json.h"
#include "node/privacy/masking.h"
#include "node/storage/storage.h"

namespace mams::identity {
namespace {

constexpr int kTokenBytes = 32;
constexpr char kTokenPrefix[] = "mams_";
constexpr int kMaxTokenDays = 366;

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
  RequireNewUserFields(input);
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
  UserRecord created = WrittenRow(IdentityStore::FindUser(*session, user.id), "user");
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
  audit::Entry entry = audit::EntryFor(input.roles ? "user.permissions_change" : "user.update",
                                       "user", user.id, user.org_code);
  entry.before = before;
  entry.after = UserAuditJson(user);
  context_.audit.Append(*session, actor, entry);
  UserRecord updated = WrittenRow(IdentityStore::FindUser(*session, id), "user");
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
  context_.audit.Append(*session, actor,
                        audit::EntryFor("user.password_reset", "user", id, user.org_code));
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
  context_.audit.Append(*session, actor,
                        audit::EntryFor("user.totp_reset", "user", id, user.org_code));
  transaction.Commit();
  Changed();
}

IssuedToken UserAdminService::CreateToken(const auth::DataScope& scope, const std::string& user_id,
                                          const std::string& name, int valid_days,
                                          const audit::Actor& actor) {
  const UserRecord user = Get(scope, user_id);
  ValidateTokenRequest(name, valid_days, kMaxTokenDays);
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
  audit::Entry entry =
      audit::EntryFor("api_token.create", "api_token", issued.record.id, user.org_code);
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
  context_.audit.Append(
      *session, actor, audit::EntryFor("api_token.revoke", "api_token", token_id, owner->org_code));
  transaction.Commit();
  Changed();
}

void UserAdminService::RecordPiiRead(const audit::Actor& actor, const std::string& org,
                                     std::size_t count, const std::string& what) {
  audit::Entry entry = audit::EntryFor("pii.read", "user", "", org);
  entry.detail = std::to_string(count) + " unmasked: " + what;
  context_.audit.AppendAlone(context_.storage, actor, entry);
}

}  // namespace mams::identity
