#include "modules/identity/login_service.h"

#include "modules/identity/credential_store.h"
#include "modules/identity/identity_store.h"
#include "modules/identity/lockout.h"
#include "modules/identity/password_hasher.h"
#include "modules/identity/principal_loader.h"
#include "modules/identity/secrets.h"
#include "modules/identity/session_authenticator.h"
#include "modules/identity/totp.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/storage/storage.h"

namespace mams::identity {
namespace {

constexpr int kSessionTokenBytes = 32;
constexpr int kCsrfTokenBytes = 24;
constexpr int kRecoveryCodes = 10;
constexpr char kTotpIssuer[] = "MAMS 大客户管理系统";
constexpr std::size_t kUsernameMax = 64;  ///< users.username and login_failures.username
/// A name without an account forgets its failures a day after the last one (the table
/// stays bounded); an account's count lasts until it logs in.
constexpr std::int64_t kForgetNameFailuresAfterMs = 24 * 60 * 60 * 1000;

ApiError InvalidCredentials() {
  return ApiError(ErrorKind::kUnauthorized, "invalid_credentials", "wrong user name or password");
}

audit::Entry UserEntry(const std::string& action, const UserRecord& user,
                       const std::string& outcome, const std::string& detail) {
  audit::Entry entry;
  entry.action = action;
  entry.entity = "user";
  entry.entity_id = user.id;
  entry.org_code = user.org_code;
  entry.outcome = outcome;
  entry.detail = detail;
  return entry;
}

audit::Actor AsUser(audit::Actor actor, const UserRecord& user) {
  actor.user_id = user.id;
  actor.username = user.username;
  actor.org_code = user.org_code;
  return actor;
}

}  // namespace

void EnforcePasswordPolicy(const PasswordPolicy& policy, const std::string& password,
                           const std::string& username, const std::string& field) {
  if (auto violation = policy.Check(password, username)) {
    throw ApiError(ErrorKind::kUnprocessable, violation->code,
                   violation->message + " (" + violation->message_zh + ")", field)
        .With("min", std::to_string(policy.config().min_length))
        .With("max", std::to_string(policy.config().max_length))
        .With("classes", std::to_string(policy.config().required_classes));
  }
}

void LoginService::RecordFailure(UserRecord user, const std::string& action,
                                 const std::string& detail, const audit::Actor& actor) {
  const std::int64_t now = context_.clock.NowMs();
  FailureCount count{user.failed_attempts, user.locked_until_ms};
  const bool lock = CountFailure(count, now, context_.config.lockout_attempts,
                                 context_.config.lockout_minutes);
  user.failed_attempts = count.failed_attempts;
  user.locked_until_ms = count.locked_until_ms;
  auto session = context_.storage.Open();
  storage::Transaction transaction(*session);
  IdentityStore::UpdateUser(*session, user, FormatIsoUtc(now));
  context_.audit.Append(*session, AsUser(actor, user), UserEntry(action, user, "failure", detail));
  // The lock stops guessing; sessions the user already proved keep working, or anyone who
  // knows a user name could log its owner out.
  if (lock) {
    context_.audit.Append(*session, AsUser(actor, user),
                          UserEntry("auth.lockout", user, "success", LockDetail()));
  }
  transaction.Commit();
  if (lock) {
    throw LockedError(user.locked_until_ms, now);
  }
}

void LoginService::RecordNameFailure(const std::string& username, const std::string& detail,
                                     const audit::Actor& origin) {
  SpendVerificationTime(context_.config.password_iterations);
  const std::int64_t now = context_.clock.NowMs();
  audit::Actor actor = origin;
  actor.username = username.substr(0, kUsernameMax);
  audit::Entry entry;
  entry.action = "auth.login";
  entry.entity = "user";
  entry.org_code = context_.node_org;
  entry.detail = detail;
  auto session = context_.storage.Open();
  storage::Transaction transaction(*session);
  FailureCount count = LoginFailureStore::Find(*session, actor.username);
  if (count.locked_until_ms > now) {
    entry.outcome = "denied";
    entry.detail = detail + "; locked";
    context_.audit.Append(*session, actor, entry);
    transaction.Commit();
    throw LockedError(count.locked_until_ms, now);
  }
  const bool lock = CountFailure(count, now, context_.config.lockout_attempts,
                                 context_.config.lockout_minutes);
  LoginFailureStore::ForgetBefore(*session, now - kForgetNameFailuresAfterMs);
  LoginFailureStore::Save(*session, actor.username, count, now);
  entry.outcome = "failure";
  context_.audit.Append(*session, actor, entry);
  if (lock) {
    entry.action = "auth.lockout";
    entry.outcome = "success";
    entry.detail = detail + "; " + LockDetail();
    context_.audit.Append(*session, actor, entry);
  }
  transaction.Commit();
  if (lock) {
    throw LockedError(count.locked_until_ms, now);
  }
  throw InvalidCredentials();
}

void LoginService::ThrowIfLocked(const UserRecord& user, const std::string& action,
                                 const audit::Actor& actor) {
  const std::int64_t now = context_.clock.NowMs();
  if (user.locked_until_ms > now) {
    context_.audit.AppendAlone(context_.storage, AsUser(actor, user),
                               UserEntry(action, user, "denied", "account locked"));
    throw LockedError(user.locked_until_ms, now);
  }
}

std::string LoginService::LockDetail() const {
  return "locked for " + std::to_string(context_.config.lockout_minutes) + " minutes after " +
         std::to_string(context_.config.lockout_attempts) + " failures";
}

LoginResult LoginService::Login(const std::string& username, const std::string& password,
                                const audit::Actor& origin) {
  const std::int64_t now = context_.clock.NowMs();
  auto session = context_.storage.Open();
  std::optional<UserRecord> user = IdentityStore::FindUserByName(*session, username);
  if (!user || user->disabled) {
    session.reset();
    RecordNameFailure(username, user ? "account disabled" : "unknown user name", origin);
  }
  // The hash runs even while locked: a locked account answers as late as any failure.
  const PasswordCheck check =
      VerifyPassword(password, user->password_hash, context_.config.password_iterations);
  ThrowIfLocked(*user, "auth.login", origin);
  if (!check.ok) {
    session.reset();
    RecordFailure(*user, "auth.login", "wrong password", origin);
    throw InvalidCredentials();
  }
  user->failed_attempts = 0;
  user->locked_until_ms = 0;
  if (check.needs_rehash) {
    user->password_hash = HashPassword(password, context_.config.password_iterations);
  }
  SessionRecord record;
  const std::string token = RandomToken(kSessionTokenBytes);
  record.id_hash = HashToken(token);
  record.user_id = user->id;
  record.csrf_token = RandomToken(kCsrfTokenBytes);
  record.created_ms = now;
  record.last_seen_ms = now;
  record.client_address = origin.client_address;

  storage::Transaction transaction(*session);
  IdentityStore::UpdateUser(*session, *user, FormatIsoUtc(now));
  CredentialStore::InsertSession(*session, record);
  context_.audit.Append(*session, AsUser(origin, *user),
                        UserEntry("auth.login", *user, "success",
                                  check.needs_rehash ? "password re-hashed" : ""));
  bool requires_mfa = false;
  LoginResult result;
  result.principal = LoadPrincipal(*session, *user, context_.config.mfa_for_admins, &requires_mfa);
  transaction.Commit();
  result.session_token = token;
  result.principal.csrf_token = record.csrf_token;
  result.principal.credential_id = record.id_hash;
  result.principal.mfa_pending = requires_mfa;
  result.mfa_required = requires_mfa;
  result.totp_enrolled = !user->totp_secret.empty();
  return result;
}

void LoginService::Logout(const auth::Principal& principal, const audit::Actor& actor) {
  auto session = context_.storage.Open();
  storage::Transaction transaction(*session);
  audit::Entry entry;
  entry.action = "auth.logout";
  entry.entity = "session";
  entry.org_code = principal.org_code;
  if (principal.via == auth::Principal::Via::kSession) {
    CredentialStore::DeleteSession(*session, principal.credential_id);
  }
  context_.audit.Append(*session, actor, entry);
  transaction.Commit();
  context_.authenticator->Forget();
}

TotpEnrolment LoginService::StartTotp(const auth::Principal& principal, const audit::Actor& actor) {
  auto session = context_.storage.Open();
  auto user = IdentityStore::FindUser(*session, principal.user_id);
  if (!user) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no such user");
  }
  if (!user->totp_secret.empty()) {
    throw ApiError(ErrorKind::kConflict, "totp_already_enrolled",
                   "TOTP is already set up; an administrator can reset it");
  }
  user->totp_pending_secret = NewTotpSecret();
  storage::Transaction transaction(*session);
  IdentityStore::UpdateUser(*session, *user, FormatIsoUtc(context_.clock.NowMs()));
  context_.audit.Append(*session, actor, UserEntry("auth.totp_enrol", *user, "success", "started"));
  transaction.Commit();
  return {user->totp_pending_secret,
          OtpauthUri(kTotpIssuer, user->username, user->totp_pending_secret)};
}

std::vector<std::string> LoginService::ActivateTotp(const auth::Principal& principal,
                                                    const std::string& code,
                                                    const audit::Actor& actor) {
  auto session = context_.storage.Open();
  auto user = IdentityStore::FindUser(*session, principal.user_id);
  if (!user || user->totp_pending_secret.empty()) {
    throw ApiError(ErrorKind::kConflict, "totp_not_started", "start TOTP enrolment first");
  }
  ThrowIfLocked(*user, "auth.totp_enrol", actor);
  const auto step = VerifyTotp(user->totp_pending_secret, code, context_.clock.NowSeconds(), 0);
  if (!step) {
    session.reset();
    RecordFailure(*user, "auth.totp_enrol", "wrong code", actor);
    throw ApiError(ErrorKind::kUnprocessable, "invalid_code", "the code does not match", "code");
  }
  user->totp_secret = user->totp_pending_secret;
  user->totp_pending_secret.clear();
  user->totp_last_step = *step;
  user->failed_attempts = 0;
  std::vector<std::string> codes = NewRecoveryCodes(kRecoveryCodes);
  std::vector<std::string> hashes;
  for (const auto& recovery : codes) {
    hashes.push_back(HashToken(NormaliseRecoveryCode(recovery)));
  }
  storage::Transaction transaction(*session);
  IdentityStore::UpdateUser(*session, *user, FormatIsoUtc(context_.clock.NowMs()));
  CredentialStore::ReplaceRecoveryCodes(*session, user->id, hashes);
  if (principal.via == auth::Principal::Via::kSession) {
    CredentialStore::MarkSessionVerified(*session, principal.credential_id);
  }
  context_.audit.Append(*session, actor, UserEntry("auth.totp_enrol", *user, "success", "activated"));
  transaction.Commit();
  context_.authenticator->Forget();
  return codes;
}

void LoginService::VerifySecondFactor(const auth::Principal& principal, const std::string& code,
                                      const std::string& recovery_code,
                                      const audit::Actor& actor) {
  auto session = context_.storage.Open();
  auto user = IdentityStore::FindUser(*session, principal.user_id);
  if (!user || user->totp_secret.empty()) {
    throw ApiError(ErrorKind::kConflict, "totp_not_enrolled", "set up TOTP first");
  }
  ThrowIfLocked(*user, "auth.second_factor", actor);
  const std::int64_t now = context_.clock.NowMs();
  bool ok = false;
  std::string how;
  storage::Transaction transaction(*session);
  if (!code.empty()) {
    const auto step = VerifyTotp(user->totp_secret, code, now / 1000, user->totp_last_step);
    if (step) {
      user->totp_last_step = *step;
      ok = true;
      how = "totp";
    }
  } else if (!recovery_code.empty()) {
    ok = CredentialStore::UseRecoveryCode(*session, user->id,
                                          HashToken(NormaliseRecoveryCode(recovery_code)), now);
    how = "recovery code";
  }
  if (!ok) {
    transaction.Commit();  // nothing written; release before counting the failure
    session.reset();
    RecordFailure(*user, "auth.second_factor", "wrong " + (how.empty() ? "code" : how), actor);
    throw ApiError(ErrorKind::kUnauthorized, "invalid_code", "the code does not match");
  }
  user->failed_attempts = 0;
  IdentityStore::UpdateUser(*session, *user, FormatIsoUtc(now));
  CredentialStore::MarkSessionVerified(*session, principal.credential_id);
  context_.audit.Append(*session, actor, UserEntry("auth.second_factor", *user, "success", how));
  transaction.Commit();
  context_.authenticator->Forget();
}

void LoginService::ChangeOwnPassword(const auth::Principal& principal, const std::string& current,
                                     const std::string& replacement, const audit::Actor& actor) {
  auto session = context_.storage.Open();
  auto user = IdentityStore::FindUser(*session, principal.user_id);
  if (!user) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no such user");
  }
  ThrowIfLocked(*user, "user.password_change", actor);
  if (!VerifyPassword(current, user->password_hash, context_.config.password_iterations).ok) {
    session.reset();
    RecordFailure(*user, "user.password_change", "wrong current password", actor);
    throw ApiError(ErrorKind::kUnprocessable, "wrong_password", "the current password is wrong",
                   "currentPassword");
  }
  EnforcePasswordPolicy(context_.policy, replacement, user->username, "newPassword");
  if (replacement == current) {
    throw ApiError(ErrorKind::kUnprocessable, "password_unchanged",
                   "the new password must differ from the current one", "newPassword");
  }
  const std::int64_t now = context_.clock.NowMs();
  user->password_hash = HashPassword(replacement, context_.config.password_iterations);
  user->password_changed_at = FormatIsoUtc(now);
  storage::Transaction transaction(*session);
  IdentityStore::UpdateUser(*session, *user, FormatIsoUtc(now));
  context_.audit.Append(*session, actor, UserEntry("user.password_change", *user, "success", "own"));
  transaction.Commit();
}

}  // namespace mams::identity
