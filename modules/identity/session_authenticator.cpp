#include "modules/identity/session_authenticator.h"

#include "modules/identity/credential_store.h"
#include "modules/identity/principal_loader.h"
#include "modules/identity/secrets.h"
#include "node/common/clock.h"
#include "node/config/node_config.h"
#include "node/http/http_types.h"
#include "node/storage/storage.h"

namespace mams::identity {
namespace {

// How long a looked-up credential is trusted before it is read again (other processes
// sharing the database may have ended it), and how often last_seen is written back.
constexpr std::int64_t kRecheckMs = 5000;
constexpr std::int64_t kTouchEveryMs = 60000;
constexpr std::size_t kCacheLimit = 100000;
constexpr char kBearer[] = "Bearer ";

}  // namespace

std::string CookieValue(const std::string& header, const std::string& name) {
  std::size_t start = 0;
  while (start < header.size()) {
    const std::size_t end = std::min(header.find(';', start), header.size());
    std::size_t begin = start;
    while (begin < end && header[begin] == ' ') {
      ++begin;
    }
    const std::string pair = header.substr(begin, end - begin);
    if (pair.size() > name.size() && pair.compare(0, name.size(), name) == 0 &&
        pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
    start = end + 1;
  }
  return {};
}

SessionAuthenticator::SessionAuthenticator(IdentityContext& context) : context_(context) {}

void SessionAuthenticator::Forget() {
  std::lock_guard<std::mutex> lock(mutex_);
  cache_.clear();
}

auth::AuthResult SessionAuthenticator::Authenticate(const http::HttpRequest& request) {
  const std::string authorization = request.Header("authorization");
  if (authorization.rfind(kBearer, 0) == 0) {
    return FromToken(authorization.substr(sizeof kBearer - 1));
  }
  const std::string cookie = CookieValue(request.Header("cookie"), kSessionCookie);
  if (!cookie.empty()) {
    return FromSession(cookie);
  }
  return {};
}

auth::AuthResult SessionAuthenticator::FromSession(const std::string& token) {
  const std::string hash = HashToken(token);
  const std::int64_t now = context_.clock.NowMs();
  const std::int64_t idle_ms = std::int64_t{context_.config.session_idle_minutes} * 60000;
  const std::int64_t absolute_ms = std::int64_t{context_.config.session_absolute_hours} * 3600000;
  std::optional<Cached> entry = Recall(hash, /*is_token=*/false, now);
  std::string failure;
  if (!entry) {
    entry = LoadSession(hash, &failure);
    if (!entry) {
      return {nullptr, failure};
    }
  }
  if (now - entry->last_seen_ms > idle_ms || now - entry->created_ms > absolute_ms) {
    EndSession(hash);
    return {nullptr, "session_expired"};
  }
  entry->last_seen_ms = now;
  if (now - entry->stored_seen_ms > kTouchEveryMs) {
    auto session = context_.storage.Open();
    CredentialStore::TouchSession(*session, hash, now);
    entry->stored_seen_ms = now;
  }
  Remember(hash, *entry);
  return {entry->principal, ""};
}

std::optional<SessionAuthenticator::Cached> SessionAuthenticator::LoadSession(
    const std::string& hash, std::string* failure) {
  auto session = context_.storage.Open();
  const auto record = CredentialStore::FindSession(*session, hash);
  if (!record) {
    *failure = "session_unknown";
    return std::nullopt;
  }
  bool requires_mfa = false;
  auto loaded = PrincipalOf(*session, record->user_id, &requires_mfa, failure);
  if (!loaded) {
    return std::nullopt;
  }
  auth::Principal principal = std::move(*loaded);
  principal.via = auth::Principal::Via::kSession;
  principal.credential_id = hash;
  principal.csrf_token = record->csrf_token;
  principal.mfa_pending = requires_mfa && !record->mfa_verified;
  Cached cached;
  cached.principal = std::make_shared<const auth::Principal>(std::move(principal));
  cached.created_ms = record->created_ms;
  cached.last_seen_ms = record->last_seen_ms;
  cached.stored_seen_ms = record->last_seen_ms;
  cached.loaded_ms = context_.clock.NowMs();
  return cached;
}

auth::AuthResult SessionAuthenticator::FromToken(const std::string& token) {
  const std::string hash = HashToken(token);
  const std::int64_t now = context_.clock.NowMs();
  std::optional<Cached> entry = Recall(hash, /*is_token=*/true, now);
  std::string failure;
  if (!entry) {
    entry = LoadToken(hash, &failure);
    if (!entry) {
      return {nullptr, failure};
    }
  }
  if (now >= entry->expires_ms) {
    return {nullptr, "token_expired"};
  }
  if (now - entry->stored_seen_ms > kTouchEveryMs) {
    auto session = context_.storage.Open();
    CredentialStore::TouchToken(*session, entry->principal->credential_id, now);
    entry->stored_seen_ms = now;
  }
  Remember(hash, *entry);
  return {entry->principal, ""};
}

std::optional<SessionAuthenticator::Cached> SessionAuthenticator::LoadToken(
    const std::string& hash, std::string* failure) {
  auto session = context_.storage.Open();
  const auto record = CredentialStore::FindTokenByHash(*session, hash);
  if (!record) {
    *failure = "token_unknown";
    return std::nullopt;
  }
  if (record->revoked_ms != 0) {
    *failure = "token_revoked";
    return std::nullopt;
  }
  bool requires_mfa = false;
  auto loaded = PrincipalOf(*session, record->user_id, &requires_mfa, failure);
  if (!loaded) {
    return std::nullopt;
  }
  auth::Principal principal = std::move(*loaded);
  // Tokens are issued by an administrator for integrations; they carry no second factor and
  // need no CSRF token (they are not sent automatically by browsers).
  principal.via = auth::Principal::Via::kToken;
  principal.credential_id = record->id;
  Cached cached;
  cached.principal = std::make_shared<const auth::Principal>(std::move(principal));
  cached.is_token = true;
  cached.expires_ms = record->expires_ms;
  cached.stored_seen_ms = record->last_used_ms;
  cached.loaded_ms = context_.clock.NowMs();
  return cached;
}

std::optional<SessionAuthenticator::Cached> SessionAuthenticator::Recall(const std::string& hash,
                                                                        bool is_token,
                                                                        std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = cache_.find(hash);
  if (found == cache_.end() || found->second.is_token != is_token ||
      now - found->second.loaded_ms >= kRecheckMs) {
    return std::nullopt;
  }
  return found->second;
}

void SessionAuthenticator::Remember(const std::string& hash, const Cached& entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (cache_.size() >= kCacheLimit) {
    cache_.clear();
  }
  cache_[hash] = entry;
}

std::optional<auth::Principal> SessionAuthenticator::PrincipalOf(storage::Session& session,
                                                                 const std::string& user_id,
                                                                 bool* requires_mfa,
                                                                 std::string* failure) {
  const auto user = IdentityStore::FindUser(session, user_id);
  if (!user || user->disabled) {
    *failure = "user_disabled";
    return std::nullopt;
  }
  return LoadPrincipal(session, *user, context_.config.mfa_for_admins, requires_mfa);
}

void SessionAuthenticator::EndSession(const std::string& hash) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cache_.erase(hash);
  }
  auto session = context_.storage.Open();
  CredentialStore::DeleteSession(*session, hash);
}

}  // namespace mams::identity
