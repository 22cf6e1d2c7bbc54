#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mams::auth {
struct Principal;
class DataScope;
}  // namespace mams::auth

namespace mams::http {

/// What a handler sees of a request: no POCO types, so handlers and services can be tested
/// without a server.
struct HttpRequest {
  std::string method;
  std::string path;                                        ///< decoded, without the query
  std::map<std::string, std::string> path_params;          ///< from `{name}` segments
  std::vector<std::pair<std::string, std::string>> query;  ///< decoded, in order
  /// Names lower-cased, in the order received. A list, not a map: a request has a handful,
  /// and a map's nodes were an allocation each.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string request_id;
  std::string client_address;
  bool tls = false;
  /// Set by the request guard for every non-public route; null on public routes.
  std::shared_ptr<const auth::Principal> principal;
  std::shared_ptr<const auth::DataScope> scope;

  /// First value of a query parameter.
  std::optional<std::string> Query(const std::string& name) const;
  /// Value of a header (name in lower case), or empty; valid as long as the request. A name
  /// sent twice gives its last value.
  const std::string& Header(const std::string& lower_name) const;
  const std::string& PathParam(const std::string& name) const { return path_params.at(name); }
};

struct HttpResponse {
  int status = 200;
  std::string body;
  /// Empty for JSON (application/json; charset=utf-8), the type of nearly every answer: a
  /// string that long was an allocation per answer.
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;

  static HttpResponse Json(int status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
  }
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

/// Permission of routes anyone may call (health probes, metrics scraped on loopback).
inline constexpr char kPublic[] = "public";

/// One endpoint. Every route names the permission it needs (`module:action` or kPublic);
/// the request pipeline enforces it, never the handler.
struct Route {
  Route() = default;
  Route(std::string method_in, std::string pattern_in, std::string permission_in,
        Handler handler_in, std::string summary_in, std::int64_t max_body_bytes_in = 0)
      : method(std::move(method_in)),
        pattern(std::move(pattern_in)),
        permission(std::move(permission_in)),
        handler(std::move(handler_in)),
        summary(std::move(summary_in)),
        max_body_bytes(max_body_bytes_in) {}

  std::string method;   ///< GET, POST, PUT, PATCH, DELETE
  std::string pattern;  ///< "/api/v1/orgs/{code}"
  std::string permission;
  Handler handler;
  std::string summary;  ///< one line for docs/api.md and the route listing
  /// Body limit of this route (file uploads); 0 means the node's http.max_body_bytes.
  std::int64_t max_body_bytes = 0;
  /// A body sent to this route must be JSON (application/json or a +json type), else 415.
  /// False for uploads, whose content the handler reads and checks itself.
  bool json_body = true;
};

}  // namespace mams::http
