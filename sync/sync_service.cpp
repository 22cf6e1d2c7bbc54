#include "sync/sync_service.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <zmq.hpp>

#include "node/audit/audit_log.h"
#include "node/auth/data_scope.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/scope/org_tree.h"
#include "node/storage/storage.h"
#include "sync/change_applier.h"
#include "sync/change_capture.h"
#include "sync/load_stream.h"
#include "sync/protocol.h"
#include "sync/stream_receiver.h"
#include "sync/stream_sender.h"
#include "sync/sync_catalog.h"

namespace mams::sync {
namespace {

constexpr char kZapEndpoint[] = "inproc://zeromq.zap.01";
constexpr char kZapDomain[] = "mams-sync";
constexpr int kPollMs = 10;
constexpr int kMessagesPerWakeUp = 64;  ///< then housekeeping gets its turn
/// Live batches share a transaction for at most this long: it holds the write lock, and the
/// node's own users' writes wait for it.
constexpr std::int64_t kStagedMsLimit = 1000;
// Purged often and a small chunk at a time: a purge holds the write lock, which every link's
// apply and the node's users' writes wait for (one large delete, every acknowledged image of
// ten seconds, once stalled every link for its length).
constexpr std::int64_t kPurgeEveryMs = 100;
constexpr std::int64_t kPurgeChunk = 2000;
constexpr std::int64_t kStatusEveryMs = 500;
constexpr int kSilentHeartbeats = 3;  ///< a peer silent this long counts as disconnected

constexpr char kSelectLink[] =
    "SELECT received_cursor, acked_cursor, load_id, load_page, load_table, load_after"
    " FROM sync_links WHERE peer = ?";
constexpr char kSaveAcked[] =
    "UPDATE sync_links SET acked_cursor = ?, updated_at = ? WHERE peer = ?";
constexpr char kPurge[] = "DELETE FROM sync_outbox WHERE seq <= ?";
constexpr char kOldestSeq[] = "SELECT MIN(seq) FROM sync_outbox";

/// A link's state as stored in sync_links.
struct StoredLink {
  std::int64_t received = 0;
  std::int64_t acked = 0;
  std::optional<LoadPosition> load_wanted;
  std::string load_completed;
};

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
  LinkStatus status;
};

// Every frame of the next message, or nothing when none is waiting (or it broke off).
std::vector<zmq::message_t> ReceiveAll(zmq::socket_t& socket) {
  std::vector<zmq::message_t> frames;
  zmq::recv_result_t got;
  do {
    frames.emplace_back();
    got = socket.recv(frames.back(), zmq::recv_flags::dontwait);
  } while (got && frames.back().more());
  if (!got) {
    frames.clear();
  }
  return frames;
}

}  // namespace

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

  /// An audit entry by the sync layer itself (no user): who was refused and why.
  void Audit(const std::string& action, const std::string& peer, const std::string& org,
             const std::string& detail) {
    audit::Actor actor;
    actor.username = "sync";
    actor.org_code = config.node.org;
    audit::Entry entry = audit::EntryFor(action, "sync_link", peer, org);
    entry.outcome = "denied";
    entry.detail = detail;
    audit.AppendAlone(storage, actor, entry);
  }
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
  std::vector<LinkStatus> status;
  std::mutex paused_mutex;
  std::set<std::string> paused;           ///< peers an administrator paused
  std::set<std::string> resync_requests;  ///< peers to ask for a load, by the sync thread

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

  /// The link's stored state. A link seen for the first time is stored wanting a load: the
  /// other side's current rows, instead of its outbox history (which may be long, or
  /// purged already when this node is new in an existing tree).
  StoredLink LoadLink(const std::string& peer) {
    auto session = storage.Open();
    session->Execute(
        session->dialect().InsertIgnore(
            "sync_links", {"peer", "received_cursor", "acked_cursor", "load_page", "updated_at"}),
        {peer, std::int64_t{0}, std::int64_t{0}, std::int64_t{0}, Now()});
    const auto rows = session->Query(kSelectLink, {peer});
    StoredLink stored;
    stored.received = rows[0].Int(0);
    stored.acked = rows[0].Int(1);
    if (rows[0].Int(3) >= 0) {
      stored.load_wanted =
          LoadPosition{rows[0].Text(2), rows[0].Int(3), rows[0].Text(4), rows[0].Text(5)};
    } else {
      stored.load_completed = rows[0].Text(2);
    }
    return stored;
  }

  /// The tables a load on a link carries: down, everything; up, the up tables.
  std::vector<const SyncTable*> LoadTables(bool up) const {
    std::vector<const SyncTable*> tables;
    for (const SyncTable& table : catalog.tables()) {
      if (!up || table.direction == module::SyncDirection::kUp) {
        tables.push_back(&table);
      }
    }
    return tables;
  }
  /// Rows for a load page: reference tables whole, up tables within `subtree_root`'s subtree.
  std::vector<Change> LoadRows(storage::Session& session, const std::string& subtree_root,
                               const SyncTable& table, const std::string& after, int limit) const;

  void Open();
  void RunOnce();
  void PumpAll();
  void TakeResyncRequests();
  /// Stores acknowledged cursors that moved since they were last stored.
  void SaveAcked(storage::Session& session);
  /// Stores moved acknowledged cursors and deletes a chunk of what every link acknowledged.
  void Purge(const std::vector<PeerLink*>& links);
  std::vector<PeerLink*> AllLinks() const;
  void HandleZap();
  void HandleRouter();
  void HandleDealer();
  void HandleMessage(PeerLink& link, const std::string& type, const std::string& body);
  void Send(PeerLink& link, const char* type, const std::string& body);
  void Pump(PeerLink& link, std::int64_t now_ms);
  /// What may come in on `link` (§7): from the parent, reference data or rows of this node's
  /// subtree; from a child, rows of the child's subtree and never reference data.
  ChangeFilter FilterFor(const PeerLink& link) const;
  ForwardFilter ForwardFrom(const PeerLink& link) const;
  /// How changes from `link` are applied; `live` false for load pages (no conflicts).
  ApplyContext ContextFor(const PeerLink& link, bool live) const;
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
  /// The other side's HELLO / WELCOME: where our streams to it start, and which load it wants.
  void Greeted(PeerLink& link, const HelloMessage& greeting);
  void StartLoad(PeerLink& link, const char* why);
  HelloMessage Greeting(const PeerLink& link) const;
  void Housekeeping(std::int64_t now_ms);
};

void SyncService::Impl::Open() {
  const config::SyncSection& sync = *config.sync;
  opened_ms = clock.NowMs();
  const auto [secret, public_key] = LoadKeys(sync.key_file);
  const SenderLimits limits = Limits();
  // Far above what the windows let out (batches, pages, small control messages): memory is
  // bounded by the windows, and a pipe never fills, so a socket never stops reading.
  const int hwm = sync.window * 16 + 1000;
  // No ZMTP heartbeats: with input stopped on a full pipe, a heartbeat timeout made libzmq
  // 4.3.4 abort on reconnect (zeromq/libzmq#3937, "Assertion failed: _input_stopped"). Dead
  // peers are found by the protocol's own PING/PONG silence (§6) and TCP keepalive.
  const auto keepalive = [&sync](zmq::socket_t& socket) {
    socket.set(zmq::sockopt::tcp_keepalive, 1);
    socket.set(zmq::sockopt::tcp_keepalive_idle,
               std::max(1, sync.heartbeat_ms * kSilentHeartbeats / 1000));
    socket.set(zmq::sockopt::tcp_keepalive_intvl, std::max(1, sync.heartbeat_ms / 1000));
    socket.set(zmq::sockopt::tcp_keepalive_cnt, kSilentHeartbeats);
  };
  if (sync.bind) {
    zap = std::make_unique<zmq::socket_t>(context, zmq::socket_type::rep);
    zap->bind(kZapEndpoint);
    router = std::make_unique<zmq::socket_t>(context, zmq::socket_type::router);
    router->set(zmq::sockopt::zap_domain, kZapDomain);
    router->set(zmq::sockopt::curve_server, 1);
    router->set(zmq::sockopt::curve_secretkey, secret);
    router->set(zmq::sockopt::router_mandatory, 1);
    router->set(zmq::sockopt::router_handover, 1);
    router->set(zmq::sockopt::sndhwm, hwm * static_cast<int>(sync.children.size() + 1));
    router->set(zmq::sockopt::rcvhwm, hwm * static_cast<int>(sync.children.size() + 1));
    keepalive(*router);
    router->set(zmq::sockopt::linger, 0);
    try {
      router->bind(*sync.bind);
    } catch (const zmq::error_t& e) {
      throw StartupError("sync.bind: cannot listen on " + *sync.bind + ": " + e.what());
    }
    for (const auto& child : sync.children) {
      child_by_key[child.public_key] = child.node;
      const StoredLink stored = LoadLink(child.node);
      const std::string child_org = child.org;
      const std::string child_node = child.node;
      auto route = [this, child_org, child_node](const Change& change, const std::string& source) {
        return source != child_node &&
               (!IsUp(change.table) || InSubtree(child_org, change.org_code));
      };
      children.push_back(std::make_unique<PeerLink>(child.node, child.org, false, route,
                                                    LoadTables(false), limits, stored));
    }
  }
  if (config.node.parent) {
    dealer = std::make_unique<zmq::socket_t>(context, zmq::socket_type::dealer);
    dealer->set(zmq::sockopt::routing_id, config.node.id);
    dealer->set(zmq::sockopt::curve_serverkey, *sync.parent_public_key);
    dealer->set(zmq::sockopt::curve_publickey, public_key);
    dealer->set(zmq::sockopt::curve_secretkey, secret);
    dealer->set(zmq::sockopt::sndhwm, hwm);
    dealer->set(zmq::sockopt::rcvhwm, hwm);
    keepalive(*dealer);
    dealer->set(zmq::sockopt::reconnect_ivl, 100);
    dealer->set(zmq::sockopt::reconnect_ivl_max, 2000);
    dealer->set(zmq::sockopt::linger, 0);
    try {
      dealer->connect(*config.node.parent);
    } catch (const zmq::error_t& e) {
      throw StartupError("node.parent: cannot use " + *config.node.parent + ": " + e.what());
    }
    const StoredLink stored = LoadLink("parent");
    auto route = [this](const Change& change, const std::string& source) {
      return source != "parent" && IsUp(change.table);
    };
    parent =
        std::make_unique<PeerLink>("parent", "", true, route, LoadTables(true), limits, stored);
  }
}

void SyncService::Impl::Send(PeerLink& link, const char* type, const std::string& body) {
  try {
    if (link.is_parent) {
      dealer->send(zmq::buffer(std::string_view(type)),
                   zmq::send_flags::sndmore | zmq::send_flags::dontwait);
      dealer->send(zmq::buffer(body), zmq::send_flags::dontwait);
    } else {
      router->send(zmq::buffer(link.routing_id),
                   zmq::send_flags::sndmore | zmq::send_flags::dontwait);
      router->send(zmq::buffer(std::string_view(type)),
                   zmq::send_flags::sndmore | zmq::send_flags::dontwait);
      router->send(zmq::buffer(body), zmq::send_flags::dontwait);
    }
    link.last_sent_ms = clock.NowMs();
  } catch (const zmq::error_t& e) {
    // The child is not connected (EHOSTUNREACH) or the pipe is full: the batch stays
    // unacknowledged and is sent again.
    link.greeted = link.is_parent ? link.greeted : false;
    link.status.last_error = std::string("send: ") + e.what();
  }
}

void SyncService::Impl::HandleZap() {
  const std::vector<zmq::message_t> frames = ReceiveAll(*zap);
  // Request: version, request id, domain, address, identity, mechanism, credentials...
  std::string code = "400";
  std::string status_text = "unknown key";
  std::string user_id;
  if (frames.size() >= 7 && frames[5].to_string() == "CURVE" && frames[6].size() == 32) {
    char z85[41] = {};
    zmq_z85_encode(z85, static_cast<const std::uint8_t*>(frames[6].data()), 32);
    const auto found = child_by_key.find(z85);
    if (found != child_by_key.end()) {
      code = "200";
      status_text = "OK";
      user_id = found->second;
    } else {
      log.warning("sync: refused a connection from %s with an unlisted key %s",
                  frames[3].to_string(), std::string(z85));
      // ZeroMQ reconnects every few seconds: one audit entry per key per minute.
      const std::int64_t now = clock.NowMs();
      auto& last = refused_keys[z85];
      if (now - last >= 60000) {
        last = now;
        Audit("sync.refused_key", std::string(z85), config.node.org,
              "connection from " + frames[3].to_string() + " with a key no child is listed with");
      }
    }
  }
  const std::string request_id = frames.size() > 1 ? frames[1].to_string() : "";
  zap->send(zmq::str_buffer("1.0"), zmq::send_flags::sndmore);
  zap->send(zmq::buffer(request_id), zmq::send_flags::sndmore);
  zap->send(zmq::buffer(code), zmq::send_flags::sndmore);
  zap->send(zmq::buffer(status_text), zmq::send_flags::sndmore);
  zap->send(zmq::buffer(user_id), zmq::send_flags::sndmore);
  zap->send(zmq::str_buffer(""), zmq::send_flags::none);
}

void SyncService::Impl::HandleRouter() {
  std::vector<zmq::message_t> frames = ReceiveAll(*router);
  if (frames.size() != 3) {
    return;
  }
  // The sender is who its key says (ZAP User-Id), whatever routing id it chose.
  const char* user = frames[1].gets("User-Id");
  PeerLink* link = nullptr;
  for (auto& child : children) {
    if (user != nullptr && child->peer == user) {
      link = child.get();
    }
  }
  if (link == nullptr) {
    return;
  }
  link->routing_id = frames[0].to_string();
  HandleMessage(*link, frames[1].to_string(), PaddedCopy(frames[2].to_string_view()));
}

void SyncService::Impl::HandleDealer() {
  const std::vector<zmq::message_t> frames = ReceiveAll(*dealer);
  if (frames.size() != 2) {
    return;
  }
  HandleMessage(*parent, frames[0].to_string(), PaddedCopy(frames[1].to_string_view()));
}

void SyncService::Impl::HandleMessage(PeerLink& link, const std::string& type,
                                      const std::string& body) {
  const std::int64_t now = clock.NowMs();
  link.last_heard_ms = now;
  if (type != kSnapshot) {
    FlushLoads();
  }
  FlushBatches(type == kBatch ? &link : nullptr);
  try {
    if (type == kHello && !link.is_parent) {
      const HelloMessage hello = DecodeHello(body);
      if (hello.node != link.peer) {
        throw ProtocolError("wrong_node", "this key belongs to node " + link.peer);
      }
      Greeted(link, hello);
      Send(link, kWelcome, EncodeHello(Greeting(link)));
    } else if (type == kWelcome && link.is_parent) {
      const HelloMessage welcome = DecodeHello(body);
      link.status.org = welcome.org;
      link.org = welcome.org;
      Greeted(link, welcome);
    } else if (IsPaused(link.peer) && (type == kBatch || type == kSnapshot)) {
      // Paused: not applied and not acknowledged; the peer keeps it and sends it again.
    } else if (!link.greeted) {
      if (!link.is_parent) {
        Send(link, kError, EncodeError("hello_first", "send HELLO first"));
      }
    } else if (type == kBatch) {
      BatchMessage batch = DecodeBatch(body);
      const std::int64_t after = batch.after;
      const std::int64_t upto = batch.upto;
      if (link.receiver.staged() && !link.receiver.follows_staged(batch)) {
        CommitBatches(link);  // a resend or a gap is judged against what is committed
      }
      const auto outcome =
          link.receiver.OnBatch(storage, applier, ContextFor(link, true), std::move(batch), now);
      if (outcome) {
        ++link.status.batches_received;
        link.status.changes_applied += static_cast<std::uint64_t>(outcome->counts.applied);
        link.status.conflicts += static_cast<std::uint64_t>(outcome->counts.conflicts);
        link.status.quarantined += static_cast<std::uint64_t>(outcome->counts.quarantined);
        if (outcome->replay) {
          ++link.status.replays;
        }
        if (outcome->counts.quarantined > 0) {
          // Committed before the audit entry (a write of its own), acknowledged after it.
          const auto ack = link.receiver.Commit(Now());
          log.warning("sync: %d change(s) from %s quarantined", outcome->counts.quarantined,
                      link.peer);
          Audit("sync.quarantined", link.peer, link.is_parent ? config.node.org : link.org,
                std::to_string(outcome->counts.quarantined) + " change(s) of batch (" +
                    std::to_string(after) + ", " + std::to_string(upto) +
                    "] refused or not applicable; see GET /api/v1/sync/quarantine");
          if (ack) {
            Send(link, kAck, EncodeAck(*ack));
          }
        }
        if (outcome->ack) {
          Send(link, kAck, EncodeAck(*outcome->ack));
        } else if (link.receiver.staged_changes() >= StagedChangesLimit() ||
                   clock.NowMs() - link.receiver.staged_since_ms() >= kStagedMsLimit) {
          CommitBatches(link);
        }
      }
    } else if (type == kSnapshot) {
      ReceivePage(link, body);
    } else if (type == kSnapshotAck) {
      if (link.load_out.OnAck(DecodeSnapshotAck(body), now)) {
        // The peer's cursor moved to the load's with its first page: live batches go on
        // from there.
        link.sender.Reset(link.load_out.cursor());
      }
    } else if (type == kResync && link.is_parent) {
      StartLoad(link, "the parent asked for a resync");
    } else if (type == kAck) {
      // Stored with the next purge (Housekeeping), not here: a write now would wait for
      // whatever transaction holds the database (a large import) and stall every link.
      // The peer's HELLO / WELCOME says where to resume anyway.
      const AckMessage ack = DecodeAck(body);
      link.sender.OnAck(ack.cursor, ack.gap, now);
    } else if (type == kPing) {
      Send(link, kPong, "{}");
    } else if (type == kPong) {
      // last_heard_ms is all a PONG is for
    } else if (type == kError) {
      link.status.last_error = body;
      if (body.find("hello_first") != std::string::npos) {
        link.greeted = false;
      }
    } else {
      throw ProtocolError("unknown_type", "unknown message type " + type);
    }
  } catch (const ProtocolError& e) {
    link.status.last_error = e.code() + ": " + e.what();
    Send(link, kError, EncodeError(e.code(), e.what()));
  }
}

void SyncService::Impl::Pump(PeerLink& link, std::int64_t now_ms) {
  const config::SyncSection& sync = *config.sync;
  if (IsPaused(link.peer)) {
    return;
  }
  const bool silent = now_ms - link.last_heard_ms > sync.heartbeat_ms * kSilentHeartbeats;
  if (link.is_parent) {
    if (silent) {
      link.greeted = false;
    }
    if (!link.greeted) {
      if (now_ms - link.last_sent_ms >= sync.heartbeat_ms) {
        Send(link, kHello, EncodeHello(Greeting(link)));
      }
      return;
    }
    if (now_ms - link.last_sent_ms >= sync.heartbeat_ms) {
      Send(link, kPing, "{}");
    }
  } else if (!link.greeted || silent) {
    return;  // a child speaks first; its HELLO says where to resume
  }
  auto session = storage.Open();
  // Live batches first, then load pages: each has its own window, so a load never holds
  // live changes back by more than `window` pages.
  if (!link.load_out.holds_live()) {
    link.sender.CheckResend(now_ms);
    while (auto batch = link.sender.NextBatch(*session, now_ms)) {
      Send(link, kBatch, *batch);
    }
  }
  if (link.load_out.active()) {
    link.load_out.CheckResend(now_ms);
    const PageSource rows = [&](const SyncTable& table, const std::string& after, int limit) {
      // Down, the child's subtree; up, this node's (the parent link's org is the parent's).
      return LoadRows(*session, link.is_parent ? config.node.org : link.org, table, after, limit);
    };
    while (auto page = link.load_out.NextPage(rows, now_ms)) {
      Send(link, kSnapshot, *page);
    }
  }
}

HelloMessage SyncService::Impl::Greeting(const PeerLink& link) const {
  HelloMessage greeting{kProtocolVersion, config.node.id, config.node.org, link.receiver.cursor(),
                        link.load_in.wanted()};
  return greeting;
}

void SyncService::Impl::Greeted(PeerLink& link, const HelloMessage& greeting) {
  // A peer that stands before what it acknowledged has lost data (restored, or wiped): what
  // it lost may be purged from the outbox already, so it gets a fresh load.
  const bool regressed = greeting.cursor < link.sender.acked();
  link.sender.Reset(greeting.cursor);
  link.greeted = true;
  if (greeting.load) {
    if (greeting.load->page == 0) {
      StartLoad(link, "it asked for one");
    } else {
      auto session = storage.Open();
      link.load_out.Resume(*greeting.load, Outbox::LastSeq(*session), clock.NowMs());
      log.information("sync: resuming the load for %s after page %Ld", link.peer,
                      static_cast<long long>(greeting.load->page));
    }
  } else if (regressed) {
    StartLoad(link, "it stands before what it acknowledged");
  } else {
    link.load_out.Stop();
  }
}

void SyncService::Impl::StartLoad(PeerLink& link, const char* why) {
  auto session = storage.Open();
  const std::int64_t cursor = Outbox::LastSeq(*session);
  link.load_out.Start(cursor, clock.NowMs());
  log.information("sync: load for %s (%s), then live changes after outbox position %Ld", link.peer,
                  std::string(why), static_cast<long long>(cursor));
}

std::vector<Change> SyncService::Impl::LoadRows(storage::Session& session,
                                                const std::string& subtree_root,
                                                const SyncTable& table, const std::string& after,
                                                int limit) const {
  // The table and column names are the catalog's; ids and orgs are bound values.
  storage::SqlParams params{after};
  std::string sql = "SELECT * FROM " + table.by_id + " WHERE id > ?";
  if (table.direction == module::SyncDirection::kUp) {
    const auth::DataScope scope(orgs.Current(), config.node.org, subtree_root);
    sql += " AND " + scope.SqlCondition("org_code", &params);
  }
  params.emplace_back(std::int64_t{limit});
  return ChangesOf(table.name, session.Query(sql + " ORDER BY id LIMIT ?", params));
}

ApplyContext SyncService::Impl::ContextFor(const PeerLink& link, bool live) const {
  ApplyContext how;
  how.peer = link.peer;
  how.filter = FilterFor(link);
  how.forward = ForwardFrom(link);
  how.now = Now();
  how.record_conflicts = live;
  return how;
}

ForwardFilter SyncService::Impl::ForwardFrom(const PeerLink& link) const {
  return [this, &link](const Change& change) {
    if (parent && parent->sender.Routes(change, link.peer)) {
      return true;
    }
    return std::any_of(children.begin(), children.end(),
                       [&](const auto& child) { return child->sender.Routes(change, link.peer); });
  };
}

ChangeFilter SyncService::Impl::FilterFor(const PeerLink& link) const {
  return [this, &link](const Change& change) -> std::string {
    const bool up = IsUp(change.table);
    if (link.is_parent) {
      return !up || InSubtree(config.node.org, change.org_code)
                 ? ""
                 : "org " + change.org_code + " is outside this node's subtree";
    }
    if (!up) {
      return "reference data (" + change.table + ") comes only from above";
    }
    return InSubtree(link.org, change.org_code)
               ? ""
               : "org " + change.org_code + " is outside the subtree of " + link.peer;
  };
}

void SyncService::Impl::ReceivePage(PeerLink& link, const std::string& body) {
  const SnapshotMessage page = DecodeSnapshot(body);
  ApplyCounts counts;
  SendLoadAcks(link, link.load_in.OnPage(storage, applier, ContextFor(link, false), page,
                                         link.receiver, &counts));
  link.status.changes_applied += static_cast<std::uint64_t>(counts.applied);
  link.status.quarantined += static_cast<std::uint64_t>(counts.quarantined);
}

void SyncService::Impl::SendLoadAcks(PeerLink& link, const std::vector<SnapshotAck>& acks) {
  for (const SnapshotAck& ack : acks) {
    if (ack.done && !ack.gap) {
      log.information("sync: load from %s complete after %Ld page(s)", link.peer,
                      static_cast<long long>(ack.at.page));
    }
    Send(link, kSnapshotAck, EncodeSnapshotAck(ack));
  }
}

void SyncService::Impl::CommitBatches(PeerLink& link) {
  if (const auto ack = link.receiver.Commit(Now())) {
    Send(link, kAck, EncodeAck(*ack));
  }
}

void SyncService::Impl::FlushBatches(const PeerLink* keep) {
  for (PeerLink* link : AllLinks()) {
    if (link != keep && link->receiver.staged()) {
      CommitBatches(*link);
    }
  }
}

void SyncService::Impl::FlushLoads() {
  for (PeerLink* link : AllLinks()) {
    if (link->load_in.pending()) {
      SendLoadAcks(*link, link->load_in.Flush(link->receiver));
    }
  }
}

void SyncService::Impl::Housekeeping(std::int64_t now_ms) {
  const std::vector<PeerLink*> links = AllLinks();
  if (now_ms - last_status_ms >= kStatusEveryMs) {
    last_status_ms = now_ms;
    auto session = storage.Open();
    std::vector<LinkStatus> snapshot;
    for (PeerLink* link : links) {
      LinkStatus& s = link->status;
      s.paused = IsPaused(link->peer);
      s.connected = link->greeted &&
                    now_ms - link->last_heard_ms <= config.sync->heartbeat_ms * kSilentHeartbeats;
      s.last_heard_ms = link->last_heard_ms;
      s.sent_cursor = link->sender.sent_upto();
      s.acked_cursor = link->sender.acked();
      s.received_cursor = link->receiver.cursor();
      const Backlog backlog = link->sender.Pending(*session);
      s.pending = backlog.changes;
      s.oldest_pending_at = backlog.oldest_created_at;
      s.batches_sent = link->sender.batches_sent();
      s.batch_limit = link->sender.batch_limit();
      s.load_sending = link->load_out.active();
      s.load_pages_sent = link->load_out.pages_sent();
      s.load_rows_sent = link->load_out.rows_sent();
      s.load_receiving = link->load_in.wanted().has_value();
      s.load_page_received = link->load_in.wanted() ? link->load_in.wanted()->page : 0;
      snapshot.push_back(s);
      // A parent that never answers is a config problem more often than an outage: say what
      // to check (a parent refuses an unlisted key without a word, §7).
      if (link == parent.get() && link->last_heard_ms == 0 && s.last_error.empty() &&
          now_ms - opened_ms > config.sync->heartbeat_ms * kSilentHeartbeats * 3) {
        snapshot.back().last_error =
            "no answer from the parent at " + config.node.parent.value_or("") +
            " since the start: it is down or unreachable, or it does not list node " +
            config.node.id + " with this node's public key under sync.children";
      }
    }
    std::lock_guard<std::mutex> lock(status_mutex);
    status = std::move(snapshot);
  }
  if (now_ms - last_purge_ms >= kPurgeEveryMs) {
    last_purge_ms = now_ms;
    Purge(links);
  }
}

void SyncService::Impl::Purge(const std::vector<PeerLink*>& links) {
  // An entry goes when every link has acknowledged it; never before.
  std::int64_t floor = -1;
  for (PeerLink* link : links) {
    floor = floor < 0 ? link->sender.PurgeFloor() : std::min(floor, link->sender.PurgeFloor());
  }
  const bool acked_moved = std::any_of(links.begin(), links.end(), [](const PeerLink* link) {
    return link->sender.acked() != link->acked_saved;
  });
  auto session = storage.Open();
  if (links.empty() && session->Query("SELECT COUNT(*) FROM sync_links").ScalarInt() == 0) {
    // A node that has never had a link keeps no history: a link added later is new and
    // starts with a load in both directions (§9), never with a replay of the outbox.
    floor = Outbox::LastSeq(*session);
  }
  const auto oldest = session->Query(kOldestSeq);
  const bool purgeable =
      floor >= 0 && !oldest.empty() && !oldest[0].IsNull(0) && oldest[0].Int(0) <= floor;
  if (!purgeable && !acked_moved) {
    return;  // no write at all
  }
  if (purgeable) {
    floor = std::min(floor, oldest[0].Int(0) + kPurgeChunk - 1);
  }
  // Not worth waiting for: while another transaction holds SQLite's write lock (a large
  // import), the purge is left for a later turn instead of stalling the links.
  const bool sqlite = session->dialect().backend() == storage::Backend::kSqlite;
  if (sqlite) {
    session->SetBusyTimeout(0);
  }
  try {
    // The acknowledged cursors are stored first, in the same transaction: a peer found
    // standing before the stored one has lost what may be purged (see Greeted).
    session->Begin();
    SaveAcked(*session);
    if (purgeable) {
      session->Execute(kPurge, {floor});
    }
    session->Commit();
  } catch (const storage::StorageError&) {
    try {
      session->Rollback();
    } catch (const storage::StorageError&) {
      // nothing was begun
    }
    for (PeerLink* link : links) {
      link->acked_saved = -1;  // stored again next time
    }
  }
  if (sqlite) {
    session->SetBusyTimeout(config.storage.sqlite->busy_timeout_ms);
  }
}

void SyncService::Impl::SaveAcked(storage::Session& session) {
  for (PeerLink* link : AllLinks()) {
    if (link->sender.acked() != link->acked_saved) {
      session.Execute(kSaveAcked, {link->sender.acked(), Now(), link->peer});
      link->acked_saved = link->sender.acked();
    }
  }
}

std::vector<PeerLink*> SyncService::Impl::AllLinks() const {
  std::vector<PeerLink*> links;
  if (parent) {
    links.push_back(parent.get());
  }
  for (const auto& child : children) {
    links.push_back(child.get());
  }
  return links;
}

void SyncService::Impl::TakeResyncRequests() {
  std::set<std::string> requests;
  {
    std::lock_guard<std::mutex> lock(paused_mutex);
    requests.swap(resync_requests);
  }
  for (const std::string& peer : requests) {
    PeerLink* link = parent && parent->peer == peer ? parent.get() : nullptr;
    for (auto& child : children) {
      link = child->peer == peer ? child.get() : link;
    }
    if (link == nullptr) {
      continue;
    }
    link->load_in.Request(storage, Now(), link->receiver);
    log.information("sync: resync requested from %s", peer);
    if (link->is_parent) {
      link->greeted = false;  // the next HELLO carries the request
    } else if (link->greeted) {
      Send(*link, kResync, "{\"reason\":\"requested by an administrator\"}");
    }  // else the next WELCOME carries it
  }
}

void SyncService::Impl::PumpAll() {
  const std::int64_t now = clock.NowMs();
  if (parent) {
    Pump(*parent, now);
  }
  for (auto& child : children) {
    Pump(*child, now);
  }
}

void SyncService::Impl::RunOnce() {
  std::vector<zmq::pollitem_t> items;
  if (zap) {
    items.push_back({zap->handle(), 0, ZMQ_POLLIN, 0});
  }
  if (router) {
    items.push_back({router->handle(), 0, ZMQ_POLLIN, 0});
  }
  if (dealer) {
    items.push_back({dealer->handle(), 0, ZMQ_POLLIN, 0});
  }
  if (!items.empty()) {
    zmq::poll(items.data(), items.size(), std::chrono::milliseconds(kPollMs));
  } else {
    std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs * 10));
  }
  if (zap && (items[0].revents & ZMQ_POLLIN) != 0) {  // the ZAP socket is polled first
    HandleZap();
  }
  // One message from each side per turn, then the links are pumped: acknowledgements from
  // the parent and batches for it are not held up behind a queue of the children's batches
  // (which would stall the next hop while this one works).
  const auto readable = [](zmq::socket_t* socket) {
    return socket != nullptr && (socket->get(zmq::sockopt::events) & ZMQ_POLLIN) != 0;
  };
  for (int turn = 0; turn < kMessagesPerWakeUp; ++turn) {
    bool handled = false;
    if (readable(router.get())) {
      HandleRouter();
      handled = true;
    }
    if (readable(dealer.get())) {
      HandleDealer();
      handled = true;
    }
    if (!handled) {
      FlushBatches();  // nothing waiting: commit what came so far
      FlushLoads();
    }
    PumpAll();
    if (!handled) {
      break;
    }
  }
  FlushBatches();
  FlushLoads();
  TakeResyncRequests();
  Housekeeping(clock.NowMs());
}

SyncService::SyncService(const config::NodeConfig& config, storage::Storage& storage,
                         const SyncCatalog& catalog, ChangeCapture& capture,
                         const scope::OrgDirectory& orgs, const Clock& clock,
                         const audit::AuditLog& audit)
    : impl_(std::make_unique<Impl>(config, storage, catalog, capture, orgs, clock, audit)) {}

SyncService::~SyncService() { Stop(); }

void SyncService::Start() {
  if (impl_->config.sync) {
    impl_->Open();
  }
  thread_ = std::thread([this] {
    while (!stop_.load()) {
      try {
        impl_->RunOnce();
      } catch (const std::exception& e) {
        // The database may be busy or gone for a moment; the loop goes on and retries.
        impl_->log.error("sync: %s", std::string(e.what()));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    }
  });
}

void SyncService::Stop() {
  stop_ = true;
  if (thread_.joinable()) {
    thread_.join();
    try {
      impl_->FlushLoads();
      auto session = impl_->storage.Open();
      impl_->SaveAcked(*session);
    } catch (const std::exception& e) {
      impl_->log.warning("sync: acknowledged cursors not stored at stop: %s",
                         std::string(e.what()));
    }
  }
  impl_->zap.reset();
  impl_->router.reset();
  impl_->dealer.reset();
}

std::optional<std::string> SyncService::OrgOf(const std::string& peer) const {
  if (impl_->parent && impl_->parent->peer == peer) {
    return impl_->config.node.org;
  }
  for (const auto& child : impl_->children) {
    if (child->peer == peer) {
      return child->org;
    }
  }
  return std::nullopt;
}

bool SyncService::RequestResync(const std::string& peer) {
  if (!OrgOf(peer)) {
    return false;
  }
  std::lock_guard<std::mutex> lock(impl_->paused_mutex);
  impl_->resync_requests.insert(peer);
  return true;
}

bool SyncService::SetPaused(const std::string& peer, bool paused) {
  if (!OrgOf(peer)) {
    return false;
  }
  std::lock_guard<std::mutex> lock(impl_->paused_mutex);
  if (paused) {
    impl_->paused.insert(peer);
  } else {
    impl_->paused.erase(peer);
  }
  return true;
}

std::vector<LinkStatus> SyncService::Links() const {
  std::lock_guard<std::mutex> lock(impl_->status_mutex);
  return impl_->status;
}

}  // namespace mams::sync
