// UserAdminService, users and their API tokens: profiles, rights, password, lockout and TOTP
// resets. The role catalogue is in user_admin_roles.cpp, the input rules in
// user_admin_validation.cpp.
#include "modules/identity/user_admin_service.h"

#include <Poco/JSON/Object.h>

#include "modules/identity/identity_entities.h"
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

// An administrator places users only in orgs of their scope.
void RequireOrgInScope(const auth::DataScope& scope, const std::string& org) {
  if (!scope.Allows(org)) {
    throw Invalid("org_out_of_scope", "org '" + org + "' is not in your scope", "org")
        .With("org", org);
  }
}

// Writes `user` after an administrator's action on it, with the audit entry `action` and
// what `also(session)` writes, in one transaction.
template <typename Also>
void WriteUser(IdentityContext& context, const UserRecord& user, const std::string& now,
               const char* action, const audit::Actor& actor, Also also) {
  auto session = context.storage.Open();
  storage::Transaction transaction(*session);
  IdentityStore::UpdateUser(*session, user, now);
  also(*session);
  context.audit.Append(*session, actor, audit::EntryFor(action, "user", user.id, user.org_code));
  transaction.Commit();
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

void UserAdminService::AppendAudit(storage::Session& session, const audit::Actor& actor,
                                   audit::Entry entry, std::string before,
                                   std::string after) const {
  entry.before = std::move(before);
  entry.after = std::move(after);
  context_.audit.Append(session, actor, entry);
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

UserRecord UserAdminService::Create(const auth::DataScope& scope, const entity::Patch& input,
                                    const audit::Actor& actor) {
  RequireNewUserFields(input);
  ValidateProfile(input);
  UserRecord user;
  user.id = NewRowId();
  UserEntity().Apply(input, &user);
  RequireOrgInScope(scope, user.org_code);
  const std::string password = *input.Text("password");
  EnforcePasswordPolicy(context_.policy, password, user.username, "password");
  const std::string now = FormatIsoUtc(context_.clock.NowMs());
  user.password_hash = HashPassword(password, context_.config.password_iterations);
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
  AppendAudit(*session, actor, audit::EntryFor("user.create", "user", user.id, user.org_code), "",
              UserAuditJson(user));
  UserRecord created = WrittenRow(IdentityStore::FindUser(*session, user.id), "user");
  transaction.Commit();
  return created;
}

UserRecord UserAdminService::Update(const auth::Principal& caller, const auth::DataScope& scope,
                                    const std::string& id, const entity::Patch& input,
                                    std::optional<std::int64_t> if_match,
                                    const audit::Actor& actor) {
  const bool username = input.Has("username");
  if (username || input.Has("password")) {
    throw Invalid("read_only_field",
                  username ? "username cannot be changed" : "use the password reset",
                  username ? "username" : "password");
  }
  ValidateProfile(input);
  UserRecord user = Get(scope, id);
  RequireVersion(user.version, if_match, "user");
  const bool roles = input.Has("roles");
  if (roles && caller.user_id == user.id) {
    throw ApiError(ErrorKind::kForbidden, "own_roles", "you cannot change your own roles");
  }
  const bool org = input.Has("org");
  if (org) {
    RequireOrgInScope(scope, *input.Text("org"));
  }
  const std::string before = UserAuditJson(user);
  UserEntity().Apply(input, &user);
  auto session = context_.storage.Open();
  if (roles) {
    CheckRoles(user.roles, *session);
  }
  storage::Transaction transaction(*session);
  IdentityStore::UpdateUser(*session, user, FormatIsoUtc(context_.clock.NowMs()));
  if (roles) {
    IdentityStore::SetUserRoles(*session, user.id, user.roles);
  }
  if (user.disabled || roles || org) {
    CredentialStore::DeleteUserSessions(*session, user.id);  // new rights need a new log-in
  }
  AppendAudit(*session, actor,
              audit::EntryFor(roles ? "user.permissions_change" : "user.update", "user", user.id,
                              user.org_code),
              before, UserAuditJson(user));
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
  WriteUser(context_, user, now, "user.password_reset", actor, [&](storage::Session& session) {
    CredentialStore::DeleteUserSessions(session, user.id);
  });
  Changed();
}

void UserAdminService::Unlock(const auth::DataScope& scope, const std::string& id,
                              const audit::Actor& actor) {
  UserRecord user = Get(scope, id);
  user.failed_attempts = 0;
  user.locked_until_ms = 0;
  WriteUser(context_, user, FormatIsoUtc(context_.clock.NowMs()), "user.unlock", actor,
            [](storage::Session&) {});
}

void UserAdminService::ResetTotp(const auth::DataScope& scope, const std::string& id,
                                 const audit::Actor& actor) {
  UserRecord user = Get(scope, id);
  user.totp_secret.clear();
  user.totp_pending_secret.clear();
  user.totp_last_step = 0;
  WriteUser(context_, user, FormatIsoUtc(context_.clock.NowMs()), "user.totp_reset", actor,
            [&](storage::Session& session) {
              CredentialStore::ReplaceRecoveryCodes(session, user.id, {});
              CredentialStore::DeleteUserSessions(session, user.id);
            });
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
