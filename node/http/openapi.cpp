#include "node/http/openapi.h"

#include <Poco/JSON/Object.h>

#include <cctype>
#include <map>
#include <vector>

#include "node/http/json.h"

namespace mams::http {
namespace {

Poco::JSON::Array PathParameters(const std::string& pattern) {
  Poco::JSON::Array parameters;
  for (std::size_t open = pattern.find('{'); open != std::string::npos;
       open = pattern.find('{', open + 1)) {
    const std::size_t close = pattern.find('}', open);
    Poco::JSON::Object parameter(Poco::JSON_PRESERVE_KEY_ORDER);
    parameter.set("name", pattern.substr(open + 1, close - open - 1));
    parameter.set("in", "path");
    parameter.set("required", true);
    Poco::JSON::Object schema;
    schema.set("type", "string");
    parameter.set("schema", schema);
    parameters.add(parameter);
  }
  return parameters;
}

Poco::JSON::Object Response(const std::string& description, const std::string& schema_ref) {
  Poco::JSON::Object response(Poco::JSON_PRESERVE_KEY_ORDER);
  response.set("description", description);
  if (!schema_ref.empty()) {
    Poco::JSON::Object ref;
    ref.set("$ref", schema_ref);
    Poco::JSON::Object media;
    media.set("schema", ref);
    Poco::JSON::Object content;
    content.set("application/json", media);
    response.set("content", content);
  }
  return response;
}

std::string OperationId(const Route& route) {
  std::string id = route.method;
  for (const char c : route.pattern) {
    id.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  }
  return id;
}

Poco::JSON::Object Components() {
  Poco::JSON::Object bearer(Poco::JSON_PRESERVE_KEY_ORDER);
  bearer.set("type", "http");
  bearer.set("scheme", "bearer");
  bearer.set("description", "API token issued by POST /api/v1/users/{id}/tokens");
  Poco::JSON::Object cookie(Poco::JSON_PRESERVE_KEY_ORDER);
  cookie.set("type", "apiKey");
  cookie.set("in", "cookie");
  cookie.set("name", "mams_session");
  cookie.set("description", "Session of POST /api/v1/auth/login; writes also need X-CSRF-Token");
  Poco::JSON::Object schemes;
  schemes.set("bearerAuth", bearer);
  schemes.set("sessionCookie", cookie);

  Poco::JSON::Object string_type;
  string_type.set("type", "string");
  Poco::JSON::Object detail(Poco::JSON_PRESERVE_KEY_ORDER);
  detail.set("type", "object");
  Poco::JSON::Object detail_properties;
  for (const char* name : {"code", "message", "field", "requestId"}) {
    detail_properties.set(name, string_type);
  }
  detail.set("properties", detail_properties);
  Poco::JSON::Array detail_required;
  detail_required.add("code");
  detail_required.add("message");
  detail.set("required", detail_required);
  Poco::JSON::Object error(Poco::JSON_PRESERVE_KEY_ORDER);
  error.set("type", "object");
  Poco::JSON::Object error_properties;
  error_properties.set("error", detail);
  error.set("properties", error_properties);
  Poco::JSON::Object schemas;
  schemas.set("Error", error);

  Poco::JSON::Object components(Poco::JSON_PRESERVE_KEY_ORDER);
  components.set("securitySchemes", schemes);
  components.set("schemas", schemas);
  return components;
}

}  // namespace

std::string OpenApiDocument(const Router& router, const std::string& version) {
  std::vector<std::string> order;                   // paths in route order
  std::map<std::string, Poco::JSON::Object> items;  // path -> {method: operation}
  for (const Route& route : router.routes()) {
    Poco::JSON::Object operation(Poco::JSON_PRESERVE_KEY_ORDER);
    operation.set("operationId", OperationId(route));
    operation.set("summary", route.summary);
    operation.set("x-permission", route.permission);
    const auto parameters = PathParameters(route.pattern);
    if (parameters.size() > 0) {
      operation.set("parameters", parameters);
    }
    if (route.permission == kPublic) {
      operation.set("security", Poco::JSON::Array());
    }
    Poco::JSON::Object responses(Poco::JSON_PRESERVE_KEY_ORDER);
    responses.set(route.method == "POST" ? "201" : "200", Response("Success", ""));
    responses.set("4XX", Response("Refused: the body names the problem",
                                  "#/components/schemas/Error"));
    operation.set("responses", responses);
    if (items.count(route.pattern) == 0) {
      order.push_back(route.pattern);
    }
    std::string method = route.method;
    for (auto& c : method) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    items[route.pattern].set(method, operation);
  }
  Poco::JSON::Object paths(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& pattern : order) {
    paths.set(pattern, items[pattern]);
  }
  Poco::JSON::Object info(Poco::JSON_PRESERVE_KEY_ORDER);
  info.set("title", "MAMS node API");
  info.set("version", version);
  info.set("description",
           "Major Account Management System. JSON fields are camelCase; money is in fen; "
           "lists take limit, offset and sort and return X-Total-Count. See docs/api.md.");
  Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
  document.set("openapi", "3.0.3");
  document.set("info", info);
  Poco::JSON::Array security;
  for (const char* scheme : {"bearerAuth", "sessionCookie"}) {
    Poco::JSON::Object requirement;
    requirement.set(scheme, Poco::JSON::Array());
    security.add(requirement);
  }
  document.set("security", security);
  document.set("paths", paths);
  document.set("components", Components());
  return ToJson(document);
}

}  // namespace mams::http
