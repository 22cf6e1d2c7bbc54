#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "node/common/platform_fwd.h"
#include "node/config/node_config.h"
#include "sync/api/sync_status.h"

namespace mams::sync {

class ChangeCapture;
class SyncCatalog;

/// The node's sync links (docs/sync-protocol.md): a DEALER to the parent when `node.parent`
/// is set, a ROUTER for the configured children when `sync.bind` is set, both with CurveZMQ,
/// served by one thread that owns every socket. Start() throws StartupError for unusable
/// keys or endpoints.
class SyncService : public LinkDirectory {
 public:
  SyncService(const config::NodeConfig& config, storage::Storage& storage,
              const SyncCatalog& catalog, ChangeCapture& capture, const scope::OrgDirectory& orgs,
              const Clock& clock, const audit::AuditLog& audit);
  ~SyncService() override;
  SyncService(const SyncService&) = delete;
  SyncService& operator=(const SyncService&) = delete;

  void Start();
  void Stop();

  /// A snapshot of every link, refreshed by the sync thread.
  std::vector<LinkStatus> Links() const override;

  /// Stops (or restarts) the exchange on the link to `peer` ("parent" or a child's node id):
  /// nothing is sent and received batches are left unacknowledged, so the peer keeps them
  /// and sends them again after a resume. False for an unknown peer.
  bool SetPaused(const std::string& peer, bool paused);
  /// Asks the peer for a load: a child re-sends its whole subtree, the parent sends this
  /// node's subtree and the reference data again. Stored, so it survives restarts; false
  /// for an unknown peer.
  bool RequestResync(const std::string& peer);
  /// The org whose scope a link belongs to: a child's org, this node's org for the parent
  /// link; nothing for an unknown peer.
  std::optional<std::string> OrgOf(const std::string& peer) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
};

/// Writes a new CurveZMQ keypair into `dir`: node.key (secret, mode 0600) and node.pub, both
/// Z85. Returns the public key. Throws StartupError when the directory cannot be written or
/// a key is already there (keys are never overwritten).
std::string GenerateKeys(const std::string& dir);

/// Reads a Z85 secret key file and returns {secret, public}. Throws StartupError naming the
/// file.
std::pair<std::string, std::string> LoadKeys(const std::string& key_file);

}  // namespace mams::sync
