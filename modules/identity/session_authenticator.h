#pragma once

#include <mutex>
#include <unordered_map>

#include "modules/identity/identity_context.h"
#include "node/auth/authenticator.h"
#include "node/storage/storage.h"

namespace mams::identity {

/// Finds the caller from the `mams_session` cookie or an `Authorization: Bearer` API token.
/// Sessions end after `session_idle_minutes` without a request or `session_absolute_hours`
/// after log-in. Looked-up credentials are cached for a few seconds so an authenticated
/// request costs no database round trip; every identity write calls Forget(), so logout,
/// revocation and role changes take effect at once on this node. Thread-safe.
class SessionAuthenticator final : public auth::Authenticator {
 public:
  explicit SessionAuthenticator(IdentityContext& context);

  auth::AuthResult Authenticate(const http::HttpRequest& request) override;
  void Forget();

 private:
  struct Cached {
    std::shared_ptr<const auth::Principal> principal;
    bool is_token = false;
    std::int64_t created_ms = 0;     ///< session start
    std::int64_t last_seen_ms = 0;   ///< last request through this process
    std::int64_t stored_seen_ms = 0; ///< last_seen written to the database
    std::int64_t expires_ms = 0;     ///< tokens
    std::int64_t loaded_ms = 0;
  };

  auth::AuthResult FromSession(const std::string& token);
  auth::AuthResult FromToken(const std::string& token);
  std::optional<Cached> LoadSession(const std::string& hash, std::string* failure);
  std::optional<Cached> LoadToken(const std::string& hash, std::string* failure);
  void EndSession(const std::string& hash);
  /// A cached entry of the right kind that is fresh enough, if any.
  std::optional<Cached> Recall(const std::string& hash, bool is_token, std::int64_t now);
  void Remember(const std::string& hash, const Cached& entry);
  /// The principal of an enabled user; "user_disabled" otherwise.
  std::optional<auth::Principal> PrincipalOf(storage::Session& session, const std::string& user_id,
                                             bool* requires_mfa, std::string* failure);

  IdentityContext& context_;
  std::mutex mutex_;
  std::unordered_map<std::string, Cached> cache_;
};

/// The value of cookie `name` in a Cookie header, or empty.
std::string CookieValue(const std::string& header, const std::string& name);

}  // namespace mams::identity
