#include "modules/identity/session_authenticator.h"

#include <cstddef>

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

// No entry, with `failure` saying why.
std::nullptr_t Refused(const char* why, std::string* failure) {
  *failure = why;
  return nullptr;
}

}  // namespace

std::string CookieValue(const std::string& header, const std::string& name) {
  std::size_t start = 0;
  while (start < header.size()) {
    const std::size_t end = std::min(header.find(';', start), header.size());
    std::size_t begin = start;
    while (begin < end && header[begin] == ' ') {
      ++begin;
    }
    if (end - begin > name.size() && header.compare(begin, name.size(), name) == 0 &&
        header[begin + name.size()] == '=') {
      return header.substr(begin + name.size() + 1, end - begin - name.size() - 1);
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
  const std::string& authorization = request.Header("authorization");
  if (authorization.rfind(kBearer, 0) == 0) {
    return Check(authorization.substr(sizeof kBearer - 1), /*is_token=*/true, /*touch=*/true);
  }
  const std::string cookie = CookieValue(request.Header("cookie"), kSessionCookie);
  if (!cookie.empty()) {
    // A request the console makes by itself (the unread count it polls) is no sign that
    // someone is at the keyboard: it must not keep an idle session alive.
    return Check(cookie, /*is_token=*/false, request.Header("x-mams-background") != "1");
  }
  return {};
}

auth::AuthResult SessionAuthenticator::Check(const std::string& credential, bool is_token,
                                             bool touch) {
  const std::int64_t now = context_.clock.NowMs();
  std::shared_ptr<Entry> entry = Recall(credential, is_token, now);
  if (!entry) {
    std::string failure;
    const std::string hash = HashToken(credential);
    auto session = context_.storage.Open();
    entry = is_token ? LoadToken(*session, hash, &failure) : LoadSession(*session, hash, &failure);
    if (!entry) {
      return {nullptr, failure};
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (cache_.size() >= kCacheLimit) {
      cache_.clear();
    }
    cache_[credential] = entry;
  }
  if (is_token) {
    if (now >= entry->expires_ms) {
      return {nullptr, "token_expired"};
    }
  } else {
    const std::int64_t idle_ms = std::int64_t{context_.config.session_idle_minutes} * 60000;
    const std::int64_t absolute_ms =
        std::int64_t{context_.config.session_absolute_hours} * 3600000;
    if (now - entry->last_seen_ms.load() > idle_ms || now - entry->created_ms > absolute_ms) {
      EndSession(credential, entry->hash);
      return {nullptr, "session_expired"};
    }
  }
  if (touch) {
    entry->last_seen_ms.store(now);
    Touch(*entry, now);
  }
  return {entry->principal, ""};
}

std::shared_ptr<SessionAuthenticator::Entry> SessionAuthenticator::Recall(
    const std::string& credential, bool is_token, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = cache_.find(credential);
  if (found == cache_.end() || found->second->is_token != is_token ||
      now - found->second->loaded_ms >= kRecheckMs) {
    return nullptr;
  }
  return found->second;
}

void SessionAuthenticator::Touch(Entry& entry, std::int64_t now) {
  std::int64_t stored = entry.stored_seen_ms.load();
  // One request per minute writes last-use back; the compare-exchange picks which one.
  if (now - stored <= kTouchEveryMs || !entry.stored_seen_ms.compare_exchange_strong(stored, now)) {
    return;
  }
  auto session = context_.storage.Open();
  if (entry.is_token) {
    CredentialStore::TouchToken(*session, entry.principal->credential_id, now);
  } else {
    CredentialStore::TouchSession(*session, entry.hash, now);
  }
}

std::shared_ptr<SessionAuthenticator::Entry> SessionAuthenticator::LoadSession(
    storage::Session& session, const std::string& hash, std::string* failure) {
  const auto record = CredentialStore::FindSession(session, hash);
  if (!record) {
    return Refused("session_unknown", failure);
  }
  auto principal = PrincipalOf(session, record->user_id, auth::Principal::Via::kSession, hash,
                               record->mfa_verified, failure);
  if (!principal) {
    return nullptr;
  }
  principal->csrf_token = record->csrf_token;
  auto entry = NewEntry(std::move(*principal), hash, record->last_seen_ms);
  entry->created_ms = record->created_ms;
  entry->last_seen_ms.store(record->last_seen_ms);
  return entry;
}

std::shared_ptr<SessionAuthenticator::Entry> SessionAuthenticator::LoadToken(
    storage::Session& session, const std::string& hash, std::string* failure) {
  const auto record = CredentialStore::FindTokenByHash(session, hash);
  if (!record) {
    return Refused("token_unknown", failure);
  }
  if (record->revoked_ms != 0) {
    return Refused("token_revoked", failure);
  }
  // Tokens are issued by an administrator for integrations; they carry no second factor and
  // need no CSRF token (they are not sent automatically by browsers).
  auto principal = PrincipalOf(session, record->user_id, auth::Principal::Via::kToken, record->id,
                               /*mfa_verified=*/true, failure);
  if (!principal) {
    return nullptr;
  }
  auto entry = NewEntry(std::move(*principal), hash, record->last_used_ms);
  entry->is_token = true;
  entry->expires_ms = record->expires_ms;
  return entry;
}

std::shared_ptr<SessionAuthenticator::Entry> SessionAuthenticator::NewEntry(
    auth::Principal principal, const std::string& hash, std::int64_t stored_seen_ms) const {
  auto entry = std::make_shared<Entry>();
  entry->principal = std::make_shared<const auth::Principal>(std::move(principal));
  entry->hash = hash;
  entry->loaded_ms = context_.clock.NowMs();
  entry->stored_seen_ms.store(stored_seen_ms);
  return entry;
}

std::optional<auth::Principal> SessionAuthenticator::PrincipalOf(
    storage::Session& session, const std::string& user_id, auth::Principal::Via via,
    const std::string& credential_id, bool mfa_verified, std::string* failure) {
  const auto user = IdentityStore::FindUser(session, user_id);
  if (!user || user->disabled) {
    *failure = "user_disabled";
    return std::nullopt;
  }
  bool requires_mfa = false;
  auth::Principal principal =
      LoadPrincipal(session, *user, context_.config.mfa_for_admins, &requires_mfa);
  principal.via = via;
  principal.credential_id = credential_id;
  principal.mfa_pending = requires_mfa && !mfa_verified;
  return principal;
}

void SessionAuthenticator::EndSession(const std::string& credential, const std::string& hash) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cache_.erase(credential);
  }
  auto session = context_.storage.Open();
  CredentialStore::DeleteSession(*session, hash);
}

}  // namespace mams::identity
