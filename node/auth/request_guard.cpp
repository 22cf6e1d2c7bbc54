#include "node/auth/request_guard.h"

#include <Poco/Logger.h>

#include "node/audit/audit_log.h"
#include "node/auth/authenticator.h"
#include "node/auth/data_scope.h"
#include "node/common/errors.h"
#include "node/http/http_types.h"
#include "node/logging/logging.h"
#include "node/scope/org_tree.h"
#include "node/storage/storage.h"

namespace mams::auth {
namespace {

constexpr char kCsrfHeader[] = "x-csrf-token";

std::string AuditAction(int status, bool state_changing) {
  switch (status) {
    case 401:
      return "request.unauthenticated";
    case 403:
      return "request.denied";
    case 404:
      return "request.not_found";
    case 405:
      return "request.method_not_allowed";
    case 429:
      return "request.throttled";
    default:
      return state_changing ? "request.rejected" : "";
  }
}

}  // namespace

audit::Actor RequestActor(const http::HttpRequest& request) {
  audit::Actor actor;
  actor.client_address = request.client_address;
  actor.request_id = request.request_id;
  if (request.principal) {
    actor.user_id = request.principal->user_id;
    actor.username = request.principal->username;
    actor.org_code = request.principal->org_code;
  }
  return actor;
}

bool IsStateChanging(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

RequestGuard::RequestGuard(const AuthenticatorSlot& authenticator,
                           const scope::OrgDirectory& orgs, std::string node_org,
                           const audit::AuditLog& audit, storage::Storage& storage)
    : authenticator_(authenticator),
      orgs_(orgs),
      node_org_(std::move(node_org)),
      audit_(audit),
      storage_(storage) {}

void RequestGuard::Admit(const http::Route& route, http::HttpRequest* request) const {
  if (route.permission == http::kPublic) {
    return;
  }
  const auto authenticator = authenticator_.Get();
  AuthResult result;
  if (authenticator) {
    result = authenticator->Authenticate(*request);
  }
  if (!result.principal) {
    const std::string code = result.failure.empty() ? "unauthenticated" : result.failure;
    throw ApiError(ErrorKind::kUnauthorized, code, "log in first (" + code + ")");
  }
  const Principal& principal = *result.principal;
  if (principal.via == Principal::Via::kSession && IsStateChanging(request->method) &&
      (principal.csrf_token.empty() || request->Header(kCsrfHeader) != principal.csrf_token)) {
    throw ApiError(ErrorKind::kForbidden, "csrf_failed",
                   "missing or wrong X-CSRF-Token header for this session");
  }
  if (route.permission != kAuthenticated) {
    if (principal.mfa_pending) {
      throw ApiError(ErrorKind::kForbidden, "mfa_required",
                     "verify your second factor (TOTP) before using this");
    }
    if (!principal.Has(route.permission)) {
      throw ApiError(ErrorKind::kForbidden, "forbidden",
                     "your roles do not grant " + route.permission)
          .With("permission", route.permission);
    }
  }
  request->principal = result.principal;
  request->scope = ScopeFor(principal.org_code);
}

void RequestGuard::IdentifyForAudit(http::HttpRequest* request) const {
  const auto authenticator = authenticator_.Get();
  if (!authenticator || request->principal) {
    return;
  }
  try {
    request->principal = authenticator->Authenticate(*request).principal;
  } catch (const std::exception& e) {
    Poco::Logger::get(logging::kHttpLogger)
        .warning("id=%s could not identify a refused request's caller: %s", request->request_id,
                 std::string(e.what()));
  }
}

std::shared_ptr<const DataScope> RequestGuard::ScopeFor(const std::string& user_org) const {
  auto tree = orgs_.Current();
  std::lock_guard<std::mutex> lock(scopes_mutex_);
  if (tree != scopes_tree_) {
    scopes_.clear();
    scopes_tree_ = tree;
  }
  auto& scope = scopes_[user_org];
  if (!scope) {
    scope = std::make_shared<const DataScope>(tree, node_org_, user_org);
  }
  return scope;
}

void RequestGuard::RecordRefusal(const http::Route* route, const http::HttpRequest& request,
                                 int status, const std::string& error_code) const {
  const bool state_changing = IsStateChanging(request.method);
  if (status < 400 || status >= 500 || (route != nullptr && route->permission == http::kPublic) ||
      (route == nullptr && status != 405)) {
    return;
  }
  if (status == 404 && !request.principal) {
    return;
  }
  const std::string action = AuditAction(status, state_changing);
  if (action.empty()) {
    return;
  }
  const audit::Actor actor = RequestActor(request);
  audit::Entry entry;
  entry.action = action;
  entry.entity = "route";
  entry.entity_id = request.method + " " + (route != nullptr ? route->pattern : request.path);
  entry.outcome = "denied";
  entry.detail = std::to_string(status) + " " + error_code + " " + request.path;
  entry.org_code = node_org_;
  if (request.principal) {
    entry.org_code = request.principal->org_code;
  }
  try {
    audit_.AppendAlone(storage_, actor, entry);
  } catch (const std::exception& e) {
    Poco::Logger::get(logging::kHttpLogger)
        .error("id=%s could not audit a refused request: %s", request.request_id,
               std::string(e.what()));
  }
}

}  // namespace mams::auth
