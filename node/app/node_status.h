#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "node/http/router.h"

namespace mams::config {
struct NodeConfig;
}
namespace mams::metrics {
class Metrics;
}
namespace mams::storage {
class Storage;
}
namespace mams::sync {
class SyncLeadership;
class SyncService;
}  // namespace mams::sync

namespace mams::app {

/// System monitoring (系统监控) of one node: its live status (`GET /api/v1/system/status`),
/// and the `node_status` row it reports about itself every 30 s, which the sync layer carries
/// up so that a parent lists its whole subtree (`GET /api/v1/system/nodes`). Only the process
/// that runs the sync links reports: a node scaled out to several processes is one row.
class NodeStatus {
 public:
  struct Sources {
    const config::NodeConfig& config;
    storage::Storage& storage;
    const sync::SyncService& sync;
    const sync::SyncLeadership& leadership;
    std::function<const metrics::Metrics*()> metrics;
    std::function<std::uint16_t()> http_port;
  };

  explicit NodeStatus(Sources sources);
  ~NodeStatus();
  NodeStatus(const NodeStatus&) = delete;
  NodeStatus& operator=(const NodeStatus&) = delete;

  /// Reports now and then every `interval` until Stop().
  void StartReporting(std::chrono::milliseconds interval = std::chrono::seconds(30));
  void Stop();
  /// Writes this node's node_status row (when this process runs the links).
  void Report();

  /// GET /api/v1/system/status and GET /api/v1/system/nodes (permission system:monitor).
  std::vector<http::Route> Routes();

 private:
  struct Snapshot;
  Snapshot Take() const;

  Sources sources_;
  std::int64_t started_ms_;
  std::chrono::steady_clock::time_point started_;
  std::atomic<bool> stop_{false};
  std::thread reporter_;
};

}  // namespace mams::app
