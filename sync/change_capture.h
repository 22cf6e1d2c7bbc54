#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "node/common/hybrid_clock.h"
#include "node/storage/write_hooks.h"

namespace mams::storage {
class Storage;
}

namespace mams::sync {

/// The transactional outbox's write side (docs/sync-protocol.md §3): hands every write
/// transaction its version from the node's hybrid clock and, just before the transaction
/// commits, appends the rows it wrote in the sync tables to `sync_outbox`. Thread-safe.
class ChangeCapture final : public storage::WriteHooks {
 public:
  using NowMs = std::function<std::int64_t()>;

  /// `tables` are the sync tables (SyncCatalog checked them). The clock starts above every
  /// version already in the database, read from `storage` here.
  /// With `record` false (a node without sync links) versions are still issued and writes
  /// still checked, but nothing is appended to the outbox: nobody would read it.
  ChangeCapture(storage::Storage& storage, std::string node_id, std::vector<std::string> tables,
                NowMs now_ms, bool record);

  std::int64_t NextWriteVersion() override { return clock_.Tick(); }
  const std::string& NodeId() const override { return node_id_; }
  bool IsCaptured(std::string_view table) const override;
  void BeforeCommit(storage::Session& session, std::int64_t version,
                    const std::vector<std::string>& tables) override;

  /// Takes note of a version received from another node.
  void Observe(std::int64_t version) { clock_.Observe(version); }

 private:
  /// On MySQL several processes of one node may write (scale-out), each with its own clock:
  /// under the node's outbox lock the version is raised above the highest any of them
  /// committed or applied (`sync_counters.version_floor`), re-stamping the transaction's
  /// rows, so versions follow commit order across processes. Returns the version to use.
  std::int64_t OrderAcrossProcesses(storage::Session& session, std::int64_t version,
                                    const std::vector<std::string>& tables);

  std::string node_id_;
  bool record_;
  std::set<std::string, std::less<>> tables_;
  NowMs now_ms_;
  HybridClock clock_;
};

}  // namespace mams::sync
