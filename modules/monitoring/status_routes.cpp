// GET /api/v1/system/status and /api/v1/system/nodes: thin handlers over NodeStatus and the
// node_status rows the nodes of the caller's scope reported.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "modules/monitoring/node_status.h"
#include "node/auth/data_scope.h"
#include "node/common/clock.h"
#include "node/config/node_config.h"
#include "node/http/json.h"
#include "node/logging/recent_errors.h"
#include "node/module/module.h"
#include "node/scope/org_level.h"
#include "sync/api/sync_status.h"

namespace mams::monitoring {
namespace {

constexpr char kPermission[] = "system:monitor";
constexpr char kNodeColumns[] =
    "SELECT id, level, org_code, mams_version, protocol_version, process_role, started_at,"
    " reported_at, storage_backend, storage_bytes, disk_free_bytes, disk_total_bytes,"
    " requests_total, server_errors, p99_ms, problems_logged, links_total, links_connected,"
    " sync_pending, sync_problem FROM node_status";

}  // namespace

std::vector<http::Route> StatusRoutes(std::shared_ptr<const NodeStatus> status,
                                      std::int64_t stale_after_ms) {
  std::vector<http::Route> routes;
  routes.push_back(
      {"GET", "/api/v1/system/status", kPermission,
       [status](const http::HttpRequest& request) {
         const config::NodeConfig& config = status->sources().config;
         const StatusSnapshot s = status->Take();
         // The node's own matters (log texts, the parent link) are for callers whose scope is
         // the whole node; others see the links of their part of the tree.
         const bool whole_node = request.scope->Allows(config.node.org);
         Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
         Poco::JSON::Object node(Poco::JSON_PRESERVE_KEY_ORDER);
         node.set("id", config.node.id);
         node.set("level", std::string(scope::OrgLevelName(config.node.level)));
         node.set("org", config.node.org);
         node.set("processRole", status->sources().process.role());
         body.set("node", node);
         body.set("version", MAMS_VERSION);
         body.set("protocolVersion", sync::kProtocolVersion);
         body.set("startedAt", FormatIsoUtc(status->started_ms()));
         body.set("uptimeSeconds", static_cast<std::int64_t>(status->uptime_seconds()));
         body.set("now", s.now_iso);
         Poco::JSON::Object storage(Poco::JSON_PRESERVE_KEY_ORDER);
         storage.set("backend", s.backend);
         storage.set("bytes", s.storage_bytes);
         Poco::JSON::Object pool(Poco::JSON_PRESERVE_KEY_ORDER);
         pool.set("size", s.pool.size);
         pool.set("open", s.pool.open);
         pool.set("inUse", s.pool.in_use);
         pool.set("waits", static_cast<Poco::UInt64>(s.pool.waits));
         pool.set("timeouts", static_cast<Poco::UInt64>(s.pool.timeouts));
         storage.set("pool", pool);
         body.set("storage", storage);
         Poco::JSON::Object disk(Poco::JSON_PRESERVE_KEY_ORDER);
         disk.set("path", s.disk_path);
         disk.set("freeBytes", s.disk_free);
         disk.set("totalBytes", s.disk_total);
         body.set("disk", disk);
         Poco::JSON::Object http(Poco::JSON_PRESERVE_KEY_ORDER);
         const double uptime = status->uptime_seconds();
         http.set("port", static_cast<int>(status->sources().process.http_port()));
         http.set("requests", static_cast<Poco::UInt64>(s.requests.requests));
         http.set("requestsPerSecond",
                  uptime > 0 ? static_cast<double>(s.requests.requests) / uptime : 0.0);
         http.set("clientErrors", static_cast<Poco::UInt64>(s.requests.client_errors));
         http.set("serverErrors", static_cast<Poco::UInt64>(s.requests.server_errors));
         http.set("meanMs", s.requests.mean_ms);
         http.set("p50Ms", s.requests.p50_ms);
         http.set("p99Ms", s.requests.p99_ms);
         body.set("http", http);
         Poco::JSON::Array links;
         for (const auto& link : s.links) {
           if (request.scope->Allows(sync::LinkScopeOrg(link, config.node.org))) {
             links.add(sync::LinkSummaryJson(link));
           }
         }
         Poco::JSON::Object sync(Poco::JSON_PRESERVE_KEY_ORDER);
         sync.set("links", links);
         sync.set("problem", whole_node ? s.sync_problem : std::string());
         body.set("sync", sync);
         // No interface adapter is configured on a node yet; the list is where they will show.
         body.set("adapters", Poco::JSON::Array());
         Poco::JSON::Array problems;
         for (const auto& problem :
              whole_node ? logging::RecentProblems() : std::vector<logging::LoggedProblem>{}) {
           Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
           item.set("at", problem.at);
           item.set("level", problem.level);
           item.set("source", problem.source);
           item.set("text", problem.text);
           problems.add(item);
         }
         body.set("problemsLogged", static_cast<Poco::UInt64>(s.problems));
         body.set("recentProblems", problems);
         return http::HttpResponse::Json(200, http::ToJson(body));
       },
       "This node's status: version, uptime, storage size and pool, disk, request rates and "
       "latencies, sync links (a refused protocol version shows as the link's error), "
       "adapters and the last 50 warnings and errors."});
  routes.push_back(
      {"GET", "/api/v1/system/nodes", kPermission,
       [status, stale_after_ms](const http::HttpRequest& request) {
         storage::SqlParams params;
         const std::string where =
             " WHERE deleted = 0 AND " + request.scope->SqlCondition("org_code", &params);
         auto session = status->sources().storage.Open();
         const auto rows = session->Query(
             std::string(kNodeColumns) + where +
                 " ORDER BY CASE level WHEN 'group' THEN 0 WHEN 'province' THEN 1 ELSE 2 END,"
                 " org_code, id",
             params);
         const std::string stale_before = FormatIsoUtc(SystemClock().NowMs() - stale_after_ms);
         Poco::JSON::Array items;
         for (std::size_t i = 0; i < rows.size(); ++i) {
           const auto& row = rows[i];
           Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
           item.set("id", row.Text(0));
           item.set("level", row.Text(1));
           item.set("org", row.Text(2));
           item.set("version", row.Text(3));
           item.set("protocolVersion", row.Int(4));
           item.set("processRole", row.Text(5));
           item.set("startedAt", row.Text(6));
           item.set("reportedAt", row.Text(7));
           item.set("reporting", row.Text(7) >= stale_before);
           item.set("storageBackend", row.Text(8));
           item.set("storageBytes", row.Int(9));
           item.set("diskFreeBytes", row.Int(10));
           item.set("diskTotalBytes", row.Int(11));
           item.set("requests", row.Int(12));
           item.set("serverErrors", row.Int(13));
           item.set("p99Ms", row.Real(14));
           item.set("problemsLogged", row.Int(15));
           item.set("links", row.Int(16));
           item.set("linksConnected", row.Int(17));
           item.set("syncPending", row.Int(18));
           item.set("syncProblem", row.Text(19));
           items.add(item);
         }
         Poco::JSON::Object body;
         body.set("items", items);
         body.set("total", static_cast<Poco::UInt64>(rows.size()));
         return http::HttpResponse::Json(200, http::ToJson(body));
       },
       "Every node of the caller's scope as it last reported itself (every 30 s, carried up by "
       "sync): version, role, storage, disk, requests, sync links; `reporting` false after 90 s "
       "of silence."});
  return routes;
}

}  // namespace mams::monitoring
