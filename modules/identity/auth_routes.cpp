// /api/v1/auth/*: log-in, log-out, who am I, second factor, own password.
#include <Poco/JSON/Object.h>

#include "modules/identity/identity_json.h"
#include "modules/identity/identity_routes.h"
#include "modules/identity/login_service.h"
#include "node/auth/request_guard.h"
#include "node/common/errors.h"
#include "node/http/json.h"

namespace mams::identity {
namespace {

std::string SessionCookie(const std::string& value, bool secure, bool clear) {
  std::string cookie = std::string(kSessionCookie) + "=" + value +
                       "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) {
    cookie += "; Secure";
  }
  if (clear) {
    cookie += "; Max-Age=0";
  }
  return cookie;
}

// A form post from another site cannot set this content type without a CORS preflight,
// which the node never grants: that closes log-in CSRF.
void RequireJson(const http::HttpRequest& request) {
  if (request.Header("content-type").rfind("application/json", 0) != 0) {
    throw ApiError(ErrorKind::kBadRequest, "json_required", "send the body as application/json");
  }
}

http::HttpResponse Login(LoginService& service, const http::HttpRequest& request) {
  RequireJson(request);
  const auto body = http::ParseJsonObject(request.body);
  const std::string username = http::RequireString(*body, "username");
  const std::string password = http::RequireString(*body, "password");
  const LoginResult result = service.Login(username, password, auth::RequestActor(request));
  Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  out.set("user", PrincipalJson(result.principal));
  out.set("csrfToken", result.principal.csrf_token);
  out.set("mfaRequired", result.mfa_required);
  out.set("totpEnrolled", result.totp_enrolled);
  http::HttpResponse response = http::HttpResponse::Json(200, http::ToJson(out));
  response.headers.emplace_back("Set-Cookie", SessionCookie(result.session_token, request.tls, false));
  return response;
}

http::HttpResponse Logout(LoginService& service, const http::HttpRequest& request) {
  service.Logout(*request.principal, auth::RequestActor(request));
  http::HttpResponse response = http::HttpResponse::Json(200, "{\"loggedOut\":true}");
  response.headers.emplace_back("Set-Cookie", SessionCookie("", request.tls, true));
  return response;
}

http::HttpResponse StartTotp(LoginService& service, const http::HttpRequest& request) {
  const TotpEnrolment enrolment = service.StartTotp(*request.principal, auth::RequestActor(request));
  Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  out.set("secret", enrolment.secret);
  out.set("otpauthUri", enrolment.otpauth_uri);
  return http::HttpResponse::Json(200, http::ToJson(out));
}

http::HttpResponse ActivateTotp(LoginService& service, const http::HttpRequest& request) {
  const auto body = http::ParseJsonObject(request.body);
  const auto codes = service.ActivateTotp(*request.principal, http::RequireString(*body, "code"),
                                          auth::RequestActor(request));
  Poco::JSON::Array recovery;
  for (const auto& code : codes) {
    recovery.add(code);
  }
  Poco::JSON::Object out;
  out.set("recoveryCodes", recovery);
  return http::HttpResponse::Json(200, http::ToJson(out));
}

http::HttpResponse VerifyTotp(LoginService& service, const http::HttpRequest& request) {
  const auto body = http::ParseJsonObject(request.body);
  const std::string code = http::OptionalString(*body, "code").value_or("");
  const std::string recovery = http::OptionalString(*body, "recoveryCode").value_or("");
  if (code.empty() == recovery.empty()) {
    throw ApiError(ErrorKind::kUnprocessable, "missing_field", "send code or recoveryCode", "code");
  }
  service.VerifySecondFactor(*request.principal, code, recovery, auth::RequestActor(request));
  return http::HttpResponse::Json(200, "{\"verified\":true}");
}

http::HttpResponse ChangePassword(LoginService& service, const http::HttpRequest& request) {
  const auto body = http::ParseJsonObject(request.body);
  service.ChangeOwnPassword(*request.principal, http::RequireString(*body, "currentPassword"),
                            http::RequireString(*body, "newPassword"), auth::RequestActor(request));
  return http::HttpResponse::Json(200, "{\"changed\":true}");
}

using Handler = http::HttpResponse (*)(LoginService&, const http::HttpRequest&);

// The route handler that calls `handler` with the service.
auto Bound(const std::shared_ptr<LoginService>& service, Handler handler) {
  return [service, handler](const http::HttpRequest& r) { return handler(*service, r); };
}

}  // namespace

std::vector<http::Route> AuthRoutes(std::shared_ptr<LoginService> service) {
  return {
      {"POST", "/api/v1/auth/login", http::kPublic, Bound(service, Login),
       "Log in with username and password; sets the session cookie, returns the CSRF token."},
      {"POST", "/api/v1/auth/logout", auth::kAuthenticated, Bound(service, Logout),
       "End this session."},
      {"GET", "/api/v1/auth/me", auth::kAuthenticated,
       [](const http::HttpRequest& r) {
         return http::HttpResponse::Json(200, http::ToJson(PrincipalJson(*r.principal)));
       },
       "The caller: org, roles, permissions, CSRF token, second-factor state."},
      {"POST", "/api/v1/auth/password", auth::kAuthenticated, Bound(service, ChangePassword),
       "Change one's own password (currentPassword, newPassword)."},
      {"POST", "/api/v1/auth/totp/enroll", auth::kAuthenticated, Bound(service, StartTotp),
       "Start TOTP enrolment: returns the secret and an otpauth:// URI."},
      {"POST", "/api/v1/auth/totp/activate", auth::kAuthenticated, Bound(service, ActivateTotp),
       "Confirm TOTP with a first code; returns ten recovery codes, shown once."},
      {"POST", "/api/v1/auth/totp/verify", auth::kAuthenticated, Bound(service, VerifyTotp),
       "Complete log-in with a TOTP code or a recovery code."},
  };
}

}  // namespace mams::identity
