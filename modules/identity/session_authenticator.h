#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "modules/identity/identity_context.h"
#include "node/auth/authenticator.h"
#include "node/storage/storage.h"

namespace mams::identity {

/// Finds the caller from the `mams_session` cookie or an `Authorization: Bearer` API token.
/// Sessions end after `session_idle_minutes` without a request or `session_absolute_hours`
/// after log-in. Looked-up credentials are cached for a few seconds so an authenticated
/// request costs one map look-up and no database round trip; every identity write calls
/// Forget(), so logout, revocation and role changes take effect at once on this node.
/// Thread-safe.
class SessionAuthenticator final : public auth::Authenticator {
 public:
  explicit SessionAuthenticator(IdentityContext& context);

  auth::AuthResult Authenticate(const http::HttpRequest& request) override;
  void Forget();

 private:
  /// One looked-up credential, shared by the requests that present it.
  struct Entry {
    std::shared_ptr<const auth::Principal> principal;
    std::string hash;                         ///< SHA-256 of the credential, its database key
    bool is_token = false;
    std::int64_t created_ms = 0;              ///< session start
    std::int64_t expires_ms = 0;              ///< tokens
    std::int64_t loaded_ms = 0;               ///< when it was read from the database
    std::atomic<std::int64_t> last_seen_ms{0};    ///< last request through this process
    std::atomic<std::int64_t> stored_seen_ms{0};  ///< last_seen written to the database
  };

  /// `touch`: the request counts as activity (moves the idle timeout on).
  auth::AuthResult Check(const std::string& credential, bool is_token, bool touch);
  std::shared_ptr<Entry> Recall(const std::string& credential, bool is_token, std::int64_t now);
  /// The entry of a stored session or token; null with `failure` set when it is refused.
  std::shared_ptr<Entry> LoadSession(storage::Session& session, const std::string& hash,
                                     std::string* failure);
  std::shared_ptr<Entry> LoadToken(storage::Session& session, const std::string& hash,
                                   std::string* failure);
  /// A cache entry of `principal`, read now, whose last use stored is `stored_seen_ms`.
  std::shared_ptr<Entry> NewEntry(auth::Principal principal, const std::string& hash,
                                  std::int64_t stored_seen_ms) const;
  /// The principal of an enabled user reached through `credential_id` (`via`); its second
  /// factor is pending when its roles require one and `mfa_verified` is false. Nothing, with
  /// `failure` "user_disabled", for a disabled or unknown user.
  std::optional<auth::Principal> PrincipalOf(storage::Session& session, const std::string& user_id,
                                             auth::Principal::Via via,
                                             const std::string& credential_id, bool mfa_verified,
                                             std::string* failure);
  void Touch(Entry& entry, std::int64_t now);
  void EndSession(const std::string& credential, const std::string& hash);

  IdentityContext& context_;
  std::mutex mutex_;
  /// Keyed by the credential itself (memory only), so a cache hit needs no hashing.
  std::unordered_map<std::string, std::shared_ptr<Entry>> cache_;
};

/// The value of cookie `name` in a Cookie header, or empty.
std::string CookieValue(const std::string& header, const std::string& name);

}  // namespace mams::identity
