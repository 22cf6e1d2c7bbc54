#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "node/http/http_types.h"
#include "node/metrics/metrics.h"
#include "node/storage/storage.h"
#include "sync/api/sync_status.h"

namespace mams::config {
struct NodeConfig;
}
namespace mams::module {
class NodeProcess;
}

namespace mams::monitoring {

/// This node at one moment, as the status route shows it and the report writes it.
struct StatusSnapshot {
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

/// System monitoring (系统监控) of one node: its live status, and the `node_status` row it
/// reports about itself (the module's leader-only job), which the sync layer carries up so
/// that a parent lists its whole subtree. Thread-safe.
class NodeStatus {
 public:
  struct Sources {
    const config::NodeConfig& config;
    storage::Storage& storage;
    std::shared_ptr<const sync::LinkDirectory> sync;  ///< the sync module's links
    const module::NodeProcess& process;
  };

  explicit NodeStatus(Sources sources);

  /// Writes this node's node_status row.
  void Report() const;
  StatusSnapshot Take() const;

  const Sources& sources() const { return sources_; }
  std::int64_t started_ms() const { return started_ms_; }
  double uptime_seconds() const;

 private:
  Sources sources_;
  std::int64_t started_ms_;
  std::chrono::steady_clock::time_point started_;
};

/// GET /api/v1/system/status and GET /api/v1/system/nodes (permission system:monitor); a
/// node not heard from for `stale_after_ms` is shown as not reporting.
std::vector<http::Route> StatusRoutes(std::shared_ptr<const NodeStatus> status,
                                      std::int64_t stale_after_ms);

}  // namespace mams::monitoring
