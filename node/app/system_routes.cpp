#include "node/app/system_routes.h"

#include <Poco/JSON/Object.h>

#include "node/config/node_config.h"
#include "node/http/json.h"
#include "node/http/openapi.h"
#include "node/http/router.h"
#include "node/metrics/metrics.h"
#include "node/storage/storage.h"

namespace mams::app {
namespace {

// Who this node is: the same four fields on `/` and `/healthz`.
void SetIdentity(const config::NodeConfig& config, Poco::JSON::Object* body) {
  body->set("nodeId", config.node.id);
  body->set("level", std::string(scope::OrgLevelName(config.node.level)));
  body->set("org", config.node.org);
  body->set("version", MAMS_VERSION);
}

std::string HealthBody(const config::NodeConfig& config) {
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("status", "ok");
  SetIdentity(config, &body);
  return http::ToJson(body);
}

std::string IndexBody(const config::NodeConfig& config) {
  Poco::JSON::Object links(Poco::JSON_PRESERVE_KEY_ORDER);
  links.set("health", "/healthz");
  links.set("ready", "/readyz");
  links.set("metrics", "/metrics");
  links.set("routes", "/api/v1/routes");
  links.set("openapi", "/api/v1/openapi.json");
  links.set("orgs", "/api/v1/orgs");
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("service", "mams-node");
  SetIdentity(config, &body);
  body.set("links", links);
  return http::ToJson(body);
}

std::string RoutesBody(const http::Router& router) {
  Poco::JSON::Array items;
  for (const auto& route : router.routes()) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("method", route.method);
    item.set("path", route.pattern);
    item.set("permission", route.permission);
    item.set("summary", route.summary);
    items.add(item);
  }
  Poco::JSON::Object body;
  body.set("items", items);
  return http::ToJson(body);
}

}  // namespace

std::vector<http::Route> SystemRoutes(const config::NodeConfig& config, storage::Storage& storage,
                                      const http::Router& router,
                                      std::function<const metrics::Metrics*()> metrics,
                                      bool console_at_root) {
  std::vector<http::Route> routes;
  const std::string index = IndexBody(config);
  const auto answer_index = [index](const http::HttpRequest&) {
    return http::HttpResponse::Json(200, index);
  };
  routes.push_back({"GET", "/api/v1", http::kPublic, answer_index,
                    "What this node is and where its API starts."});
  if (!console_at_root) {
    routes.push_back({"GET", "/", http::kPublic, answer_index,
                      "The same as /api/v1 on a node without a web console."});
  }
  routes.push_back({"GET", "/api/v1/openapi.json", http::kPublic,
                    [&router](const http::HttpRequest&) {
                      return http::HttpResponse::Json(200,
                                                      http::OpenApiDocument(router, MAMS_VERSION));
                    },
                    "OpenAPI 3.0 description of every route of this node."});
  routes.push_back({"GET", "/api/v1/routes", http::kPublic,
                    [&router](const http::HttpRequest&) {
                      return http::HttpResponse::Json(200, RoutesBody(router));
                    },
                    "Every route of this node with its permission."});
  // The body never changes while the node runs; render it once.
  const std::string health = HealthBody(config);
  routes.push_back(
      {"GET", "/healthz", http::kPublic,
       [health](const http::HttpRequest&) { return http::HttpResponse::Json(200, health); },
       "Liveness: node id, level, served org and version."});
  routes.push_back({"GET", "/readyz", http::kPublic,
                    [&storage](const http::HttpRequest&) {
                      Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
                      body.set("storage", std::string(storage.dialect().name()));
                      try {
                        storage.Open()->Query("SELECT 1");
                        body.set("status", "ready");
                        return http::HttpResponse::Json(200, http::ToJson(body));
                      } catch (const storage::StorageError& e) {
                        body.set("status", "unavailable");
                        body.set("reason", "storage does not answer");
                        auto response = http::HttpResponse::Json(503, http::ToJson(body));
                        response.headers.emplace_back("Retry-After", "1");
                        return response;
                      }
                    },
                    "Readiness: 200 when the database answers, 503 otherwise."});
  routes.push_back({"GET", "/metrics", http::kPublic,
                    [metrics](const http::HttpRequest&) {
                      http::HttpResponse response;
                      response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                      const metrics::Metrics* current = metrics();
                      response.body = current != nullptr ? current->RenderPrometheus() : "";
                      return response;
                    },
                    "Prometheus metrics: requests, latencies, pool and thread use."});
  return routes;
}

}  // namespace mams::app
