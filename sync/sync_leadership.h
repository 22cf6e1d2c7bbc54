#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace mams::config {
struct NodeConfig;
}
namespace mams::storage {
class Session;
class Storage;
}  // namespace mams::storage

namespace mams::sync {

/// Which process of a node runs its sync links. Several mams-node processes with one node id
/// may share a MySQL/MariaDB database behind a load balancer; all serve HTTP, exactly one runs
/// the links: the holder of the database lock `mams-sync:<database>/<node id>` (GET_LOCK, tied to
/// one connection this object keeps open). The others try again every second, so when the leader
/// dies its connection closes, the lock frees and another process takes over within about a
/// second. A leader whose lock connection fails can no longer prove it leads: it ends its
/// process at once (its supervisor restarts it as a follower) rather than risk two leaders.
///
/// On SQLite one process owns the database file: a second process is refused at start.
class SyncLeadership {
 public:
  /// `on_elected` runs once, on the election thread, when this process becomes the leader.
  SyncLeadership(const config::NodeConfig& config, storage::Storage& storage,
                 std::function<void()> on_elected);
  ~SyncLeadership();
  SyncLeadership(const SyncLeadership&) = delete;
  SyncLeadership& operator=(const SyncLeadership&) = delete;

  /// SQLite: takes the file lock (StartupError naming the file when another process holds
  /// it) and is leader at once. MySQL: starts the election thread.
  void Start();
  /// Stops electing: after it returns, `on_elected` never runs again. Call before stopping
  /// what `on_elected` started.
  void StopElecting();
  /// StopElecting(), then gives the lock up (after the links have stopped).
  void Stop();

  bool leader() const { return leader_.load(); }
  /// "single" (SQLite), "leader" or "follower".
  std::string role() const;

 private:
  void Elect();

  const config::NodeConfig& config_;
  storage::Storage& storage_;
  std::function<void()> on_elected_;
  std::string lock_name_;
  int file_lock_ = -1;
  std::unique_ptr<storage::Session> lock_session_;
  std::atomic<bool> leader_{false};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace mams::sync
