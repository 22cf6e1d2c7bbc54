#pragma once

#include <string>

#include "node/audit/audit_log.h"

namespace mams::audit {
class AuditLog;
}
namespace mams::http {
struct HttpRequest;
struct Route;
}
namespace mams::scope {
class OrgDirectory;
}
namespace mams::storage {
class Storage;
}

namespace mams::auth {

class AuthenticatorSlot;

/// The one place where every request is authenticated, checked against its route's
/// permission and CSRF token, given its data scope, and — when refused or rejected —
/// written to the audit log. Handlers never check permissions themselves. Thread-safe.
class RequestGuard {
 public:
  RequestGuard(const AuthenticatorSlot& authenticator, const scope::OrgDirectory& orgs,
               std::string node_org, const audit::AuditLog& audit, storage::Storage& storage);

  /// Lets the request through or throws ApiError: 401 without valid credentials, 403 for a
  /// missing or forged CSRF token, a second factor still due, or a missing permission. On
  /// success `request->principal` and `request->scope` are set (public routes: none).
  void Admit(const http::Route& route, http::HttpRequest* request) const;

  /// Audits refused (401, 403, 429), not-found-while-authenticated (possible probing
  /// outside one's scope), method-not-allowed (e.g. an attempt to edit the audit log; `route`
  /// is null then) and rejected state-changing (4xx) requests. Never throws.
  void RecordRefusal(const http::Route* route, const http::HttpRequest& request, int status,
                     const std::string& error_code) const;

 private:
  const AuthenticatorSlot& authenticator_;
  const scope::OrgDirectory& orgs_;
  std::string node_org_;
  const audit::AuditLog& audit_;
  storage::Storage& storage_;
};

/// The audit actor of a request: its principal (if any), client address and request id.
audit::Actor RequestActor(const http::HttpRequest& request);

/// True for methods that change state and so need a CSRF token under a session.
bool IsStateChanging(const std::string& method);

}  // namespace mams::auth
