#include "node/app/node_status.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "node/auth/data_scope.h"
#include "node/common/clock.h"
#include "node/config/node_config.h"
#include "node/http/json.h"
#include "node/logging/recent_errors.h"
#include "node/metrics/metrics.h"
#include "node/scope/org_level.h"
#include "node/storage/storage.h"
#include "sync/protocol.h"
#include "sync/sync_leadership.h"
#include "sync/sync_service.h"

namespace mams::app {
namespace {

constexpr char kPermission[] = "system:monitor";
/// A node that has not reported for three periods is shown as not reporting.
constexpr std::int64_t kStaleAfterMs = 90 * 1000;

constexpr char kNodeColumns[] =
    "SELECT id, level, org_code, mams_version, protocol_version, process_role, started_at,"
    " reported_at, storage_backend, storage_bytes, disk_free_bytes, disk_total_bytes,"
    " requests_total, server_errors, p99_ms, problems_logged, links_total, links_connected,"
    " sync_pending, sync_problem FROM node_status";
constexpr char kInsertStatus[] =
    "INSERT INTO node_status (version, version_node, base_version, id, level, org_code,"
    " mams_version, protocol_version, process_role, started_at, reported_at, storage_backend,"
    " storage_bytes, disk_free_bytes, disk_total_bytes, requests_total, server_errors, p99_ms,"
    " problems_logged, links_total, links_connected, sync_pending, sync_problem, owner_node,"
    " updated_at, deleted)"
    " VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
constexpr char kUpdateStatus[] =
    "UPDATE node_status SET base_version = version, version = ?, version_node = ?, level = ?,"
    " org_code = ?, mams_version = ?, protocol_version = ?, process_role = ?, started_at = ?,"
    " reported_at = ?, storage_backend = ?, storage_bytes = ?, disk_free_bytes = ?,"
    " disk_total_bytes = ?, requests_total = ?, server_errors = ?, p99_ms = ?,"
    " problems_logged = ?, links_total = ?, links_connected = ?, sync_pending = ?,"
    " sync_problem = ?, owner_node = ?, updated_at = ? WHERE id = ?";

std::int64_t FileBytes(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? static_cast<std::int64_t>(info.st_size) : 0;
}

std::string DirectoryOf(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

struct NodeStatus::Snapshot {
  std::string now_iso;
  std::string backend;
  std::int64_t storage_bytes = 0;
  std::string disk_path;
  std::int64_t disk_free = 0;
  std::int64_t disk_total = 0;
  storage::PoolStats pool;
  metrics::Metrics::RequestTotals requests;
  std::uint64_t problems = 0;
  std::vector<sync::LinkStatus> links;
  int links_connected = 0;
  std::int64_t sync_pending = 0;
  std::string sync_problem;  ///< the first link error, e.g. a refused protocol version
};

NodeStatus::NodeStatus(Sources sources)
    : sources_(std::move(sources)),
      started_ms_(SystemClock().NowMs()),
      started_(std::chrono::steady_clock::now()) {}

NodeStatus::~NodeStatus() { Stop(); }

NodeStatus::Snapshot NodeStatus::Take() const {
  const config::NodeConfig& config = sources_.config;
  Snapshot snapshot;
  snapshot.now_iso = FormatIsoUtc(SystemClock().NowMs());
  if (config.storage.mysql) {
    snapshot.backend = "mysql";
    snapshot.disk_path = config.log.file ? DirectoryOf(*config.log.file) : ".";
    snapshot.storage_bytes = sources_.storage.Open()
                                 ->Query(
                                     "SELECT COALESCE(SUM(data_length + index_length), 0) FROM "
                                     "information_schema.tables WHERE table_schema = DATABASE()")
                                 .ScalarInt();
  } else {
    snapshot.backend = "sqlite";
    const std::string& path = config.storage.sqlite->path;
    snapshot.disk_path = DirectoryOf(path);
    snapshot.storage_bytes = FileBytes(path) + FileBytes(path + "-wal");
  }
  struct statvfs disk {};
  if (::statvfs(snapshot.disk_path.c_str(), &disk) == 0) {
    snapshot.disk_free = static_cast<std::int64_t>(disk.f_bavail) * disk.f_frsize;
    snapshot.disk_total = static_cast<std::int64_t>(disk.f_blocks) * disk.f_frsize;
  }
  snapshot.pool = sources_.storage.Stats();
  if (const metrics::Metrics* metrics = sources_.metrics()) {
    snapshot.requests = metrics->Totals();
  }
  snapshot.problems = logging::ProblemCount();
  snapshot.links = sources_.sync.Links();
  for (const auto& link : snapshot.links) {
    snapshot.links_connected += link.connected ? 1 : 0;
    snapshot.sync_pending += link.pending;
    if (snapshot.sync_problem.empty() && !link.last_error.empty()) {
      snapshot.sync_problem = link.peer + ": " + link.last_error.substr(0, 400);
    }
  }
  return snapshot;
}

void NodeStatus::Report() {
  if (!sources_.leadership.leader()) {
    return;
  }
  const config::NodeConfig& config = sources_.config;
  const Snapshot s = Take();
  const std::string level(scope::OrgLevelName(config.node.level));
  const std::string started = FormatIsoUtc(started_ms_);
  const std::string role = sources_.leadership.role();
  auto session = sources_.storage.Open();
  storage::Transaction transaction(*session);
  const bool known =
      session->Query("SELECT COUNT(*) FROM node_status WHERE id = ?", {config.node.id})
          .ScalarInt() > 0;
  storage::SqlParams values{level,
                            config.node.org,
                            std::string(MAMS_VERSION),
                            std::int64_t{sync::kProtocolVersion},
                            role,
                            started,
                            s.now_iso,
                            s.backend,
                            s.storage_bytes,
                            s.disk_free,
                            s.disk_total,
                            static_cast<std::int64_t>(s.requests.requests),
                            static_cast<std::int64_t>(s.requests.server_errors),
                            s.requests.p99_ms,
                            static_cast<std::int64_t>(s.problems),
                            static_cast<std::int64_t>(s.links.size()),
                            std::int64_t{s.links_connected},
                            s.sync_pending,
                            s.sync_problem,
                            config.node.id,
                            s.now_iso};
  if (known) {
    values.emplace_back(config.node.id);
    session->Execute(kUpdateStatus, storage::Stamped(*session, values));
  } else {
    values.insert(values.begin(), config.node.id);
    // INSERT order: id first, then level and org as in the column list.
    session->Execute(kInsertStatus, storage::Stamped(*session, values));
  }
  transaction.Commit();
}

void NodeStatus::StartReporting(std::chrono::milliseconds interval) {
  reporter_ = std::thread([this, interval] {
    Poco::Logger& log = Poco::Logger::get("mams.node");
    int reports = 0;
    while (!stop_.load()) {
      try {
        Report();
      } catch (const std::exception& e) {
        log.warning("status report not written: %s", std::string(e.what()));
      }
      // The first report says the node is up; the second, a few seconds on, has its links
      // connected; then one per interval.
      const auto until =
          std::chrono::steady_clock::now() +
          (++reports == 1 ? std::min<std::chrono::milliseconds>(interval, std::chrono::seconds(5))
                          : interval);
      while (!stop_.load() && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  });
}

void NodeStatus::Stop() {
  stop_ = true;
  if (reporter_.joinable()) {
    reporter_.join();
  }
}

std::vector<http::Route> NodeStatus::Routes() {
  std::vector<http::Route> routes;
  routes.push_back(
      {"GET", "/api/v1/system/status", kPermission,
       [this](const http::HttpRequest& request) {
         const config::NodeConfig& config = sources_.config;
         const Snapshot s = Take();
         // The node's own matters (log texts, the parent link) are for callers whose scope is
         // the whole node; others see the links of their part of the tree.
         const bool whole_node = request.scope->Allows(config.node.org);
         Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
         Poco::JSON::Object node(Poco::JSON_PRESERVE_KEY_ORDER);
         node.set("id", config.node.id);
         node.set("level", std::string(scope::OrgLevelName(config.node.level)));
         node.set("org", config.node.org);
         node.set("processRole", sources_.leadership.role());
         body.set("node", node);
         body.set("version", MAMS_VERSION);
         body.set("protocolVersion", sync::kProtocolVersion);
         body.set("startedAt", FormatIsoUtc(started_ms_));
         body.set("uptimeSeconds", std::chrono::duration_cast<std::chrono::seconds>(
                                       std::chrono::steady_clock::now() - started_)
                                       .count());
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
         const double uptime =
             std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
         http.set("port", static_cast<int>(sources_.http_port()));
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
           if (!request.scope->Allows(link.role == "child" ? link.org : config.node.org)) {
             continue;
           }
           Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
           item.set("peer", link.peer);
           item.set("role", link.role);
           item.set("org", link.org);
           item.set("connected", link.connected);
           item.set("paused", link.paused);
           item.set("pending", link.pending);
           item.set("oldestPendingAt", link.oldest_pending_at);
           item.set("lastError", link.last_error);
           links.add(item);
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
       [this](const http::HttpRequest& request) {
         storage::SqlParams params;
         const std::string where =
             " WHERE deleted = 0 AND " + request.scope->SqlCondition("org_code", &params);
         auto session = sources_.storage.Open();
         const auto rows = session->Query(
             std::string(kNodeColumns) + where +
                 " ORDER BY CASE level WHEN 'group' THEN 0 WHEN 'province' THEN 1 ELSE 2 END,"
                 " org_code, id",
             params);
         const std::string stale_before = FormatIsoUtc(SystemClock().NowMs() - kStaleAfterMs);
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

}  // namespace mams::app
