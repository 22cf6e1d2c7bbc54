#pragma once

// The inside of SyncService, shared by its files: sync_service.cpp (the thread and the public
// calls), sync_service_sockets.cpp (sockets, ZAP, framing), sync_service_receive.cpp (what
// comes in: applying batches and load pages), sync_service_send.cpp (what goes out: live
// batches, greetings, loads) and sync_service_housekeeping.cpp (status snapshots, purges).
// Everything here belongs to the sync thread unless a member says otherwise.

#include <Poco/Logger.h>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "node/common/clock.h"
#include "node/scope/org_tree.h"
#include "sync/change_applier.h"
#include "sync/link_store.h"
#include "sync/load_stream.h"
#include "sync/protocol.h"
#include "sync/stream_receiver.h"
#include "sync/stream_sender.h"
#include "sync/sync_catalog.h"
#include "sync/sync_service.h"

namespace mams::sync {

/// A peer silent for this many heartbeats counts as disconnected.
inline constexpr int kSilentHeartbeats = 3;

/// One link: its streams both ways, its loads both ways, and what the status page shows.
struct PeerLink {
  PeerLink(std::string peer_in, std::string org_in, bool is_parent_in, RouteFilter route,
           std::vector<const SyncTable*> load_tables, SenderLimits limits, const StoredLink& stored)
      : peer(std::move(peer_in)),
        org(std::move(org_in)),
        is_parent(is_parent_in),
        sender(std::move(route), limits, stored.acked),
        receiver(peer, stored.received),
        load_out(std::move(load_tables), limits),
        load_in(peer, stored.load_wanted, stored.load_completed),
        acked_saved(stored.acked) {
    status.peer = peer;
    status.org = org;
    status.role = is_parent ? "parent" : "child";
  }
  std::string peer;
  std::string org;
  bool is_parent;
  std::string routing_id;  ///< a child's ROUTER routing id
  StreamSender sender;
  StreamReceiver receiver;
  LoadSender load_out;   ///< a load this node sends on the link (§9)
  LoadReceiver load_in;  ///< loads this node takes from the link
  bool greeted = false;  ///< HELLO / WELCOME exchanged since the last silence
  std::int64_t last_heard_ms = 0;
  std::int64_t last_sent_ms = 0;
  std::int64_t acked_saved = 0;  ///< the acknowledged cursor as stored in sync_links
  std::int64_t next_backlog_ms = 0;  ///< when the status may count the backlog again
  LinkStatus status;
};

struct SyncService::Impl {
  Impl(const config::NodeConfig& config_in, storage::Storage& storage_in,
       const SyncCatalog& catalog_in, ChangeCapture& capture_in, const scope::OrgDirectory& orgs_in,
       const Clock& clock_in, const audit::AuditLog& audit_in)
      : config(config_in),
        storage(storage_in),
        catalog(catalog_in),
        capture(capture_in),
        orgs(orgs_in),
        clock(clock_in),
        audit(audit_in),
        applier(catalog_in, capture_in),
        log(Poco::Logger::get("mams.sync")) {}

  const config::NodeConfig& config;
  storage::Storage& storage;
  const SyncCatalog& catalog;
  ChangeCapture& capture;
  const scope::OrgDirectory& orgs;
  const Clock& clock;
  const audit::AuditLog& audit;
  ChangeApplier applier;
  std::map<std::string, std::int64_t> refused_keys;  ///< key -> when last audited
  Poco::Logger& log;
  zmq::context_t context;
  std::unique_ptr<zmq::socket_t> zap;
  std::unique_ptr<zmq::socket_t> router;
  std::unique_ptr<zmq::socket_t> dealer;
  std::unique_ptr<PeerLink> parent;
  std::vector<std::unique_ptr<PeerLink>> children;
  std::map<std::string, std::string> child_by_key;  ///< Z85 public key -> node id
  std::int64_t last_purge_ms = 0;
  std::int64_t last_status_ms = 0;
  std::int64_t opened_ms = 0;  ///< when the sockets were opened
  mutable std::mutex status_mutex;
  std::vector<LinkStatus> status;  ///< guarded by status_mutex
  std::mutex paused_mutex;
  std::set<std::string> paused;           ///< peers an administrator paused; paused_mutex
  std::set<std::string> resync_requests;  ///< peers to ask for a load; paused_mutex

  bool IsPaused(const std::string& peer) {
    std::lock_guard<std::mutex> lock(paused_mutex);
    return paused.count(peer) > 0;
  }
  bool IsUp(const std::string& table) const {
    const SyncTable* found = catalog.Find(table);
    return found != nullptr && found->direction == module::SyncDirection::kUp;
  }
  bool InSubtree(const std::string& root, const std::string& org) const {
    const auto tree = orgs.Current();
    return tree && tree->Contains(root, org);
  }
  std::string Now() const { return FormatIsoUtc(clock.NowMs()); }
  /// Live changes applied in one transaction at most: a window of full batches.
  std::int64_t StagedChangesLimit() const {
    return std::int64_t{config.sync->window} * config.sync->batch_max_changes;
  }
  SenderLimits Limits() const {
    const config::SyncSection& sync = *config.sync;
    return {sync.window, sync.batch_max_changes, sync.batch_max_bytes, sync.resend_after_ms,
            sync.load_page_rows};
  }
  /// Whether `link`'s peer has been heard from within kSilentHeartbeats heartbeats.
  bool Silent(const PeerLink& link, std::int64_t now_ms) const {
    return now_ms - link.last_heard_ms > config.sync->heartbeat_ms * kSilentHeartbeats;
  }

  /// An audit entry by the sync layer itself (no user): who was refused and why.
  void Audit(const std::string& action, const std::string& peer, const std::string& org,
             const std::string& detail);

  // sync_service.cpp: the thread's turn.
  void RunOnce();
  void PumpAll();
  void TakeResyncRequests();
  std::vector<PeerLink*> AllLinks() const;

  // sync_service_sockets.cpp
  /// Opens the sockets and the links of the configuration; throws StartupError.
  void Open();
  void HandleZap();
  void HandleRouter();
  void HandleDealer();
  void Send(PeerLink& link, const char* type, const std::string& body);

  // sync_service_receive.cpp
  void HandleMessage(PeerLink& link, const std::string& type, const std::string& body);
  /// What may come in on `link` (§7): from the parent, reference data or rows of this node's
  /// subtree; from a child, rows of the child's subtree and never reference data.
  ChangeFilter FilterFor(const PeerLink& link) const;
  ForwardFilter ForwardFrom(const PeerLink& link) const;
  /// How changes from `link` are applied; `live` false for load pages (no conflicts).
  ApplyContext ContextFor(const PeerLink& link, bool live) const;
  void ReceiveBatch(PeerLink& link, const std::string& body, std::int64_t now_ms);
  void ReceivePage(PeerLink& link, const std::string& body);
  void SendLoadAcks(PeerLink& link, const std::vector<SnapshotAck>& acks);
  /// Commits load pages waiting in an open transaction and acknowledges them; before any
  /// other write of the sync thread, and whenever no message is waiting.
  void FlushLoads();
  /// Commits the live batches staged on `link` and acknowledges them.
  void CommitBatches(PeerLink& link);
  /// The same for every link but `keep`: before any message but the next batch of a
  /// stream (one write transaction at a time: another link's batch waits for nothing), and
  /// whenever no message is waiting.
  void FlushBatches(const PeerLink* keep = nullptr);

  // sync_service_send.cpp
  void Pump(PeerLink& link, std::int64_t now_ms);
  /// The other side's HELLO / WELCOME: where our streams to it start, and which load it wants.
  void Greeted(PeerLink& link, const HelloMessage& greeting);
  void StartLoad(PeerLink& link, const char* why);
  HelloMessage Greeting(const PeerLink& link) const;
  /// The tables a load on a link carries: down, everything; up, the up tables.
  std::vector<const SyncTable*> LoadTables(bool up) const;
  /// Rows for a load page: reference tables whole, up tables within `subtree_root`'s subtree.
  std::vector<Change> LoadRows(storage::Session& session, const std::string& subtree_root,
                               const SyncTable& table, const std::string& after, int limit) const;

  // sync_service_housekeeping.cpp
  void Housekeeping(std::int64_t now_ms);
  /// Stores acknowledged cursors that moved since they were last stored.
  void SaveAcked(storage::Session& session);
  /// Stores moved acknowledged cursors and deletes a chunk of what every link acknowledged.
  void Purge(const std::vector<PeerLink*>& links);
};

}  // namespace mams::sync
