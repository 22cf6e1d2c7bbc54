#pragma once

#include <string>
#include <vector>

#include "modules/identity/identity_context.h"
#include "modules/identity/identity_store.h"
#include "node/audit/audit_log.h"
#include "node/auth/principal.h"

namespace mams::identity {

struct LoginResult {
  std::string session_token;  ///< goes into the cookie only
  auth::Principal principal;
  bool mfa_required = false;  ///< the session is limited until the second factor
  bool totp_enrolled = false;
};

struct TotpEnrolment {
  std::string secret;
  std::string otpauth_uri;
};

/// Log-in, log-out, second factor and one's own password. Every outcome, success or not,
/// is audited. Errors are ApiError with the status the API answers. Thread-safe.
class LoginService {
 public:
  explicit LoginService(IdentityContext& context) : context_(context) {}

  /// 401 `invalid_credentials` for an unknown user, a disabled user or a wrong password
  /// (one message for all); 429 `account_locked` (with Retry-After) while locked; the
  /// failure that reaches the limit locks the account. A name without an enabled account
  /// counts and locks the same way, and every answer costs one password hash, so neither
  /// status, body nor time tells whether the name exists. A lock ends no session.
  LoginResult Login(const std::string& username, const std::string& password,
                    const audit::Actor& origin);
  void Logout(const auth::Principal& principal, const audit::Actor& actor);

  TotpEnrolment StartTotp(const auth::Principal& principal, const audit::Actor& actor);
  /// Confirms enrolment with a first code; returns the recovery codes (shown once).
  std::vector<std::string> ActivateTotp(const auth::Principal& principal, const std::string& code,
                                        const audit::Actor& actor);
  /// Completes log-in with a TOTP code or a recovery code. Failures count toward lockout;
  /// 429 while locked, so a session that survives the lock cannot go on guessing.
  void VerifySecondFactor(const auth::Principal& principal, const std::string& code,
                          const std::string& recovery_code, const audit::Actor& actor);

  void ChangeOwnPassword(const auth::Principal& principal, const std::string& current,
                         const std::string& replacement, const audit::Actor& actor);

 private:
  /// Counts a failed password or code; locks the account at the limit (then throws the
  /// 429). Commits.
  void RecordFailure(UserRecord user, const std::string& action, const std::string& detail,
                     const audit::Actor& actor);
  /// A log-in for a name with no enabled account: spends a verification's time, counts the
  /// failure against the name as RecordFailure does for an account, and throws the answer
  /// an account would get (401, or 429 at and during the lock). Commits.
  [[noreturn]] void RecordNameFailure(const std::string& username, const std::string& detail,
                                      const audit::Actor& origin);
  /// 429 (audited as `action` denied) while the account is locked.
  void ThrowIfLocked(const UserRecord& user, const std::string& action, const audit::Actor& actor);
  std::string LockDetail() const;

  IdentityContext& context_;
};

/// Throws ApiError 422 (field `field`) when `password` breaks the policy.
void EnforcePasswordPolicy(const PasswordPolicy& policy, const std::string& password,
                           const std::string& username, const std::string& field);

}  // namespace mams::identity
