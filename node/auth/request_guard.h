#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "node/audit/audit_log.h"
#include "node/common/platform_fwd.h"

namespace mams::http {
struct HttpRequest;
struct Route;
}  // namespace mams::http
namespace mams::scope {
class OrgTree;
}

namespace mams::auth {

class AuthenticatorSlot;
class DataScope;

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

  /// Sets `request->principal` when the request carries valid credentials, checking
  /// nothing else: for the audit entry of a request refused before admission (a body over
  /// its limit), so that it names who sent it. Never throws.
  void IdentifyForAudit(http::HttpRequest* request) const;

  /// Audits refused (401, 403, 429), not-found-while-authenticated (possible probing
  /// outside one's scope), method-not-allowed (e.g. an attempt to edit the audit log; `route`
  /// is null then) and rejected state-changing (4xx) requests. Never throws.
  void RecordRefusal(const http::Route* route, const http::HttpRequest& request, int status,
                     const std::string& error_code) const;

 private:
  /// Scopes are the same for every caller of one org; built once per org and tree version.
  std::shared_ptr<const DataScope> ScopeFor(const std::string& user_org) const;

  const AuthenticatorSlot& authenticator_;
  const scope::OrgDirectory& orgs_;
  std::string node_org_;
  const audit::AuditLog& audit_;
  storage::Storage& storage_;
  mutable std::mutex scopes_mutex_;
  mutable std::shared_ptr<const scope::OrgTree> scopes_tree_;
  mutable std::unordered_map<std::string, std::shared_ptr<const DataScope>> scopes_;
};

/// The audit actor of a request: its principal (if any), client address and request id.
audit::Actor RequestActor(const http::HttpRequest& request);

/// True for methods that change state and so need a CSRF token under a session.
bool IsStateChanging(const std::string& method);

}  // namespace mams::auth
