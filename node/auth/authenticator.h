#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "node/auth/principal.h"

namespace mams::http {
struct HttpRequest;
}

namespace mams::auth {

struct AuthResult {
  std::shared_ptr<const Principal> principal;
  /// Why there is no principal when a credential was offered: "session_expired",
  /// "token_revoked", ... (empty when no credential was sent at all).
  std::string failure;
};

/// Establishes the caller from a request's session cookie or bearer token. Implemented by
/// the identity module; must be thread-safe.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual AuthResult Authenticate(const http::HttpRequest& request) = 0;
};

/// Where the identity module puts its authenticator at start; read by the request pipeline.
/// Without one, every non-public route answers 401. Thread-safe.
class AuthenticatorSlot {
 public:
  void Set(std::shared_ptr<Authenticator> authenticator) {
    std::lock_guard<std::mutex> lock(mutex_);
    authenticator_ = std::move(authenticator);
  }
  std::shared_ptr<Authenticator> Get() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return authenticator_;
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<Authenticator> authenticator_;
};

}  // namespace mams::auth
