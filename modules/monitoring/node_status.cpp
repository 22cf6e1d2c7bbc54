#include "modules/monitoring/node_status.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "node/common/clock.h"
#include "node/config/node_config.h"
#include "node/logging/recent_errors.h"
#include "node/metrics/metrics.h"
#include "node/module/module.h"
#include "node/scope/org_level.h"
#include "node/storage/storage.h"
#include "sync/api/sync_status.h"

namespace mams::monitoring {
namespace {

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

NodeStatus::NodeStatus(Sources sources)
    : sources_(std::move(sources)),
      started_ms_(SystemClock().NowMs()),
      started_(std::chrono::steady_clock::now()) {}

double NodeStatus::uptime_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

StatusSnapshot NodeStatus::Take() const {
  const config::NodeConfig& config = sources_.config;
  StatusSnapshot snapshot;
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
  if (const metrics::Metrics* metrics = sources_.process.metrics()) {
    snapshot.requests = metrics->Totals();
  }
  snapshot.problems = logging::ProblemCount();
  if (sources_.sync != nullptr) {  // null only when sync is not loaded (it always is with us)
    snapshot.links = sources_.sync->Links();
  }
  for (const auto& link : snapshot.links) {
    snapshot.links_connected += link.connected ? 1 : 0;
    snapshot.sync_pending += link.pending;
    if (snapshot.sync_problem.empty() && !link.last_error.empty()) {
      snapshot.sync_problem = link.peer + ": " + link.last_error.substr(0, 400);
    }
  }
  return snapshot;
}

void NodeStatus::Report() const {
  const config::NodeConfig& config = sources_.config;
  const StatusSnapshot s = Take();
  const std::string level(scope::OrgLevelName(config.node.level));
  const std::string started = FormatIsoUtc(started_ms_);
  const std::string role = sources_.process.role();
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

}  // namespace mams::monitoring
