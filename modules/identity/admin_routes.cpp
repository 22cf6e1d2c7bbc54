// /api/v1/users, /api/v1/roles, /api/v1/permissions, API tokens: thin handlers over
// UserAdminService.
#include <Poco/JSON/Object.h>

#include "modules/identity/identity_context.h"
#include "modules/identity/identity_entities.h"
#include "modules/identity/identity_json.h"
#include "modules/identity/identity_routes.h"
#include "modules/identity/role_catalog.h"
#include "modules/identity/user_admin_service.h"
#include "node/auth/request_guard.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/entity/entity_input.h"
#include "node/http/conditional.h"
#include "node/http/json.h"
#include "node/http/paging.h"
#include "node/privacy/masking.h"

namespace mams::identity {
namespace {

http::HttpResponse UserResponse(int status, const UserRecord& user, bool show_pii,
                                std::int64_t now_ms) {
  http::HttpResponse response =
      http::HttpResponse::Json(status, http::ToJson(UserJson(user, show_pii, now_ms)));
  http::SetETag(&response, user.version);
  return response;
}

// {"items": [...]}: a list the caller sees whole, without paging.
http::HttpResponse ItemsResponse(const Poco::JSON::Array& items) {
  Poco::JSON::Object out;
  out.set("items", items);
  return http::HttpResponse::Json(200, http::ToJson(out));
}

class AdminHandlers {
 public:
  AdminHandlers(std::shared_ptr<UserAdminService> service, IdentityContext& context)
      : service_(std::move(service)), context_(context) {}

  http::HttpResponse ListUsers(const http::HttpRequest& request) {
    static const http::PageSpec kSpec{50, 500, {"username", "displayName", "org", "createdAt"}, "username"};
    static const std::map<std::string, std::string> kColumns = {
        {"username", "username"}, {"displayName", "display_name"}, {"org", "org_code"},
        {"createdAt", "created_at"}};
    const http::PageRequest page = http::ParsePage(request, kSpec);
    UserFilter filter;
    filter.org = request.Query("org");
    filter.role = request.Query("role");
    filter.text = request.Query("q");
    if (auto disabled = request.Query("disabled")) {
      if (*disabled != "true" && *disabled != "false") {
        throw ApiError(ErrorKind::kBadRequest, "invalid_parameter", "disabled must be true or false",
                       "disabled");
      }
      filter.disabled = *disabled == "true";
    }
    std::int64_t total = 0;
    const auto users = service_->List(*request.scope, filter,
                                      kColumns.at(page.sort_field) + (page.descending ? " DESC" : ""),
                                      page.limit, page.offset, &total);
    const bool show_pii = request.principal->Has(privacy::kPiiView);
    Poco::JSON::Array items;
    for (const auto& user : users) {
      items.add(UserJson(user, show_pii, context_.clock.NowMs()));
    }
    if (show_pii && !users.empty()) {
      service_->RecordPiiRead(auth::RequestActor(request), request.principal->org_code,
                              users.size(), "user list phone and e-mail");
    }
    return http::ListResponse(http::ToJson(items), static_cast<std::size_t>(total), page);
  }

  http::HttpResponse GetUser(const http::HttpRequest& request) {
    const UserRecord user = service_->Get(*request.scope, request.PathParam("id"));
    const bool show_pii = request.principal->Has(privacy::kPiiView);
    if (show_pii && (!user.phone.empty() || !user.email.empty())) {
      service_->RecordPiiRead(auth::RequestActor(request), user.org_code, 1,
                              "user " + user.username);
    }
    return UserResponse(200, user, show_pii, context_.clock.NowMs());
  }

  http::HttpResponse CreateUser(const http::HttpRequest& request) {
    const UserRecord user =
        service_->Create(*request.scope, entity::ReadPatch(UserEntity().shape(), request.body),
                         auth::RequestActor(request));
    return UserResponse(201, user, request.principal->Has(privacy::kPiiView),
                        context_.clock.NowMs());
  }

  http::HttpResponse UpdateUser(const http::HttpRequest& request) {
    service_->Get(*request.scope, request.PathParam("id"));
    const UserRecord user =
        service_->Update(*request.principal, *request.scope, request.PathParam("id"),
                         entity::ReadPatch(UserEntity().shape(), request.body),
                         http::IfMatchVersion(request), auth::RequestActor(request));
    return UserResponse(200, user, request.principal->Has(privacy::kPiiView),
                        context_.clock.NowMs());
  }

  // Handlers of one user resolve it first, so a user outside the caller's scope is 404
  // whatever the body says.
  http::HttpResponse ResetPassword(const http::HttpRequest& request) {
    service_->Get(*request.scope, request.PathParam("id"));
    const auto body = http::ParseJsonObject(request.body);
    service_->ResetPassword(*request.scope, request.PathParam("id"),
                            http::RequireString(*body, "password"), auth::RequestActor(request));
    return http::HttpResponse::Json(200, "{\"reset\":true}");
  }

  http::HttpResponse Unlock(const http::HttpRequest& request) {
    service_->Unlock(*request.scope, request.PathParam("id"), auth::RequestActor(request));
    return http::HttpResponse::Json(200, "{\"unlocked\":true}");
  }

  http::HttpResponse ResetTotp(const http::HttpRequest& request) {
    service_->ResetTotp(*request.scope, request.PathParam("id"), auth::RequestActor(request));
    return http::HttpResponse::Json(200, "{\"reset\":true}");
  }

  http::HttpResponse ListTokens(const http::HttpRequest& request) {
    Poco::JSON::Array items;
    for (const auto& token : service_->Tokens(*request.scope, request.PathParam("id"))) {
      items.add(TokenJson(token));
    }
    return ItemsResponse(items);
  }

  http::HttpResponse CreateToken(const http::HttpRequest& request) {
    service_->Get(*request.scope, request.PathParam("id"));
    const auto body = http::ParseJsonObject(request.body);
    http::RequireOnlyFields(*body, {"name", "expiresInDays"});
    const auto days = http::OptionalInt(*body, "expiresInDays").value_or(90);
    const IssuedToken issued = service_->CreateToken(
        *request.scope, request.PathParam("id"), http::RequireString(*body, "name"),
        static_cast<int>(std::min<std::int64_t>(days, 100000)), auth::RequestActor(request));
    Poco::JSON::Object out = TokenJson(issued.record);
    out.set("token", issued.secret);
    return http::HttpResponse::Json(201, http::ToJson(out));
  }

  http::HttpResponse RevokeToken(const http::HttpRequest& request) {
    service_->RevokeToken(*request.scope, request.PathParam("id"), auth::RequestActor(request));
    return http::HttpResponse::Json(200, "{\"revoked\":true}");
  }

  http::HttpResponse ListRoles(const http::HttpRequest&) {
    Poco::JSON::Array items;
    for (const auto& role : service_->Roles()) {
      items.add(RoleJson(role));
    }
    return ItemsResponse(items);
  }

  http::HttpResponse CreateRole(const http::HttpRequest& request) {
    const RoleRecord role = service_->CreateRole(
        entity::ReadPatch(RoleEntity().shape(), request.body), auth::RequestActor(request));
    return http::HttpResponse::Json(201, http::ToJson(RoleJson(role)));
  }

  http::HttpResponse UpdateRole(const http::HttpRequest& request) {
    const RoleRecord role = service_->UpdateRole(
        request.PathParam("code"), entity::ReadPatch(RoleEntity().shape(), request.body),
        http::IfMatchVersion(request), auth::RequestActor(request));
    return http::HttpResponse::Json(200, http::ToJson(RoleJson(role)));
  }

  http::HttpResponse ListPermissions(const http::HttpRequest&) {
    Poco::JSON::Array items;
    for (const auto& permission : context_.permissions) {
      Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
      item.set("name", permission.name);
      item.set("description", permission.description);
      items.add(item);
    }
    return ItemsResponse(items);
  }

 private:
  std::shared_ptr<UserAdminService> service_;
  IdentityContext& context_;
};

}  // namespace

std::vector<http::Route> AdminRoutes(std::shared_ptr<UserAdminService> service,
                                     IdentityContext& context) {
  auto h = std::make_shared<AdminHandlers>(std::move(service), context);
  using R = const http::HttpRequest&;
  return {
      {"GET", "/api/v1/users", kUsersRead, [h](R r) { return h->ListUsers(r); },
       "Users of the caller's scope; filters org, role, q, disabled."},
      {"POST", "/api/v1/users", kUsersAdmin, [h](R r) { return h->CreateUser(r); },
       "Create a user (username, displayName, org, password, roles, phone, email)."},
      {"GET", "/api/v1/users/{id}", kUsersRead, [h](R r) { return h->GetUser(r); },
       "One user; ETag carries the version."},
      {"PATCH", "/api/v1/users/{id}", kUsersAdmin, [h](R r) { return h->UpdateUser(r); },
       "Change displayName, org, phone, email, roles, disabled; If-Match optional."},
      {"POST", "/api/v1/users/{id}/password", kUsersAdmin, [h](R r) { return h->ResetPassword(r); },
       "Set a new password, unlock, end the user's sessions."},
      {"POST", "/api/v1/users/{id}/unlock", kUsersAdmin, [h](R r) { return h->Unlock(r); },
       "Lift a lockout."},
      {"POST", "/api/v1/users/{id}/totp/reset", kUsersAdmin, [h](R r) { return h->ResetTotp(r); },
       "Remove the user's TOTP so it can be enrolled again."},
      {"GET", "/api/v1/users/{id}/tokens", kTokensAdmin, [h](R r) { return h->ListTokens(r); },
       "API tokens of a user (never the secret)."},
      {"POST", "/api/v1/users/{id}/tokens", kTokensAdmin, [h](R r) { return h->CreateToken(r); },
       "Issue an API token (name, expiresInDays); the secret is shown once."},
      {"DELETE", "/api/v1/tokens/{id}", kTokensAdmin, [h](R r) { return h->RevokeToken(r); },
       "Revoke an API token."},
      {"GET", "/api/v1/roles", kUsersRead, [h](R r) { return h->ListRoles(r); },
       "Roles with their permissions."},
      {"POST", "/api/v1/roles", kRolesAdmin, [h](R r) { return h->CreateRole(r); },
       "Create a role (code, name, nameEn, permissions, ownCustomersOnly, requiresMfa)."},
      {"PATCH", "/api/v1/roles/{code}", kRolesAdmin, [h](R r) { return h->UpdateRole(r); },
       "Edit a role; separation of duties is enforced."},
      {"GET", "/api/v1/permissions", kUsersRead, [h](R r) { return h->ListPermissions(r); },
       "Every permission the node's modules declare."},
  };
}

}  // namespace mams::identity
