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
constexpr std::int64_t kPurgeEveryMs = 10000;
constexpr std::int64_t kStatusEveryMs = 500;
constexpr int kSilentHeartbeats = 3;  ///< a peer silent this long counts as disconnected

constexpr char kEnsureLink[] =
    "INSERT INTO sync_links (peer, received_cursor, acked_cursor, updated_at) VALUES (?, 0, 0, ?)";
constexpr char kSelectLink[] =
    "SELECT received_cursor, acked_cursor FROM sync_links WHERE peer = ?";
constexpr char kSaveAcked[] =
    "UPDATE sync_links SET acked_cursor = ?, updated_at = ? WHERE peer = ?";
constexpr char kOldestAfter[] =
    "SELECT created_at FROM sync_outbox WHERE seq > ? ORDER BY seq LIMIT 1";
constexpr char kPurge[] = "DELETE FROM sync_outbox WHERE seq <= ?";

struct PeerLink {
  PeerLink(std::string peer_in, std::string org_in, bool is_parent_in, RouteFilter route,
           SenderLimits limits, std::int64_t received, std::int64_t acked)
      : peer(std::move(peer_in)),
        org(std::move(org_in)),
        is_parent(is_parent_in),
        sender(std::move(route), limits, acked),
        receiver(peer, received),
        acked_saved(acked) {
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
  bool greeted = false;  ///< HELLO / WELCOME exchanged since the last silence
  /// An initial load being sent to this child (§9): live batches wait until it is done.
  struct Snapshot {
    bool active = false;
    std::size_t table = 0;    ///< index into the catalog
    std::string after_id;     ///< last id sent of that table
    std::int64_t cursor = 0;  ///< the outbox position the child resumes from afterwards
    int in_flight = 0;        ///< pages not yet acknowledged
    bool last_sent = false;
  } snapshot;
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
  mutable std::mutex status_mutex;
  std::vector<LinkStatus> status;
  std::mutex paused_mutex;
  std::set<std::string> paused;  ///< peers an administrator paused

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

  SenderLimits Limits() const {
    const config::SyncSection& sync = *config.sync;
    return {sync.window, sync.batch_max_changes, sync.batch_max_bytes, sync.resend_after_ms};
  }

  std::pair<std::int64_t, std::int64_t> LoadCursors(const std::string& peer) {
    auto session = storage.Open();
    session->Execute(session->dialect().InsertIgnore(
                         "sync_links", {"peer", "received_cursor", "acked_cursor", "updated_at"}),
                     {peer, std::int64_t{0}, std::int64_t{0}, Now()});
    const auto rows = session->Query(kSelectLink, {peer});
    return {rows[0].Int(0), rows[0].Int(1)};
  }

  void Open();
  void RunOnce();
  void PumpAll();
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
  void PumpSnapshot(PeerLink& link);
  void ReceiveSnapshot(PeerLink& link, const std::string& body);
  void Housekeeping(std::int64_t now_ms);
};

void SyncService::Impl::Open() {
  const config::SyncSection& sync = *config.sync;
  const auto [secret, public_key] = LoadKeys(sync.key_file);
  const SenderLimits limits = Limits();
  const int hwm = sync.window * 4 + 64;  // above what the window lets out; never relied on
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
    router->set(zmq::sockopt::heartbeat_ivl, sync.heartbeat_ms);
    router->set(zmq::sockopt::heartbeat_timeout, sync.heartbeat_ms * kSilentHeartbeats);
    router->set(zmq::sockopt::linger, 0);
    try {
      router->bind(*sync.bind);
    } catch (const zmq::error_t& e) {
      throw StartupError("sync.bind: cannot listen on " + *sync.bind + ": " + e.what());
    }
    for (const auto& child : sync.children) {
      child_by_key[child.public_key] = child.node;
      const auto [received, acked] = LoadCursors(child.node);
      const std::string child_org = child.org;
      const std::string child_node = child.node;
      auto route = [this, child_org, child_node](const Change& change, const std::string& source) {
        return source != child_node &&
               (!IsUp(change.table) || InSubtree(child_org, change.org_code));
      };
      children.push_back(
          std::make_unique<PeerLink>(child.node, child.org, false, route, limits, received, acked));
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
    dealer->set(zmq::sockopt::heartbeat_ivl, sync.heartbeat_ms);
    dealer->set(zmq::sockopt::heartbeat_timeout, sync.heartbeat_ms * kSilentHeartbeats);
    dealer->set(zmq::sockopt::reconnect_ivl, 100);
    dealer->set(zmq::sockopt::reconnect_ivl_max, 2000);
    dealer->set(zmq::sockopt::linger, 0);
    try {
      dealer->connect(*config.node.parent);
    } catch (const zmq::error_t& e) {
      throw StartupError("node.parent: cannot use " + *config.node.parent + ": " + e.what());
    }
    const auto [received, acked] = LoadCursors("parent");
    auto route = [this](const Change& change, const std::string& source) {
      return source != "parent" && IsUp(change.table);
    };
    parent = std::make_unique<PeerLink>("parent", "", true, route, limits, received, acked);
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
  HandleMessage(*link, frames[1].to_string(), frames[2].to_string());
}

void SyncService::Impl::HandleDealer() {
  const std::vector<zmq::message_t> frames = ReceiveAll(*dealer);
  if (frames.size() != 2) {
    return;
  }
  HandleMessage(*parent, frames[0].to_string(), frames[1].to_string());
}

void SyncService::Impl::HandleMessage(PeerLink& link, const std::string& type,
                                      const std::string& body) {
  const std::int64_t now = clock.NowMs();
  link.last_heard_ms = now;
  try {
    if (type == kHello && !link.is_parent) {
      const HelloMessage hello = DecodeHello(body);
      if (hello.node != link.peer) {
        throw ProtocolError("wrong_node", "this key belongs to node " + link.peer);
      }
      link.sender.Reset(hello.cursor);
      link.snapshot = {};
      if (hello.snapshot) {
        auto session = storage.Open();
        link.snapshot.active = true;
        link.snapshot.cursor = Outbox::LastSeq(*session);
        log.information("sync: initial load for %s up to outbox position %Ld", link.peer,
                        static_cast<long long>(link.snapshot.cursor));
      }
      link.greeted = true;
      Send(
          link, kWelcome,
          EncodeHello({kProtocolVersion, config.node.id, config.node.org, link.receiver.cursor()}));
    } else if (type == kWelcome && link.is_parent) {
      const HelloMessage welcome = DecodeHello(body);
      link.status.org = welcome.org;
      link.org = welcome.org;
      link.sender.Reset(welcome.cursor);
      link.greeted = true;
    } else if (IsPaused(link.peer) && type == kBatch) {
      // Paused: not applied and not acknowledged; the peer keeps it and sends it again.
    } else if (!link.greeted) {
      if (!link.is_parent) {
        Send(link, kError, EncodeError("hello_first", "send HELLO first"));
      }
    } else if (type == kBatch) {
      BatchMessage batch = DecodeBatch(body);
    const std::int64_t after = batch.after;
    const std::int64_t upto = batch.upto;
    const auto outcome = link.receiver.OnBatch(storage, applier, FilterFor(link),
                                               ForwardFrom(link), std::move(batch), Now());
      if (outcome) {
        ++link.status.batches_received;
        link.status.changes_applied += static_cast<std::uint64_t>(outcome->counts.applied);
        link.status.conflicts += static_cast<std::uint64_t>(outcome->counts.conflicts);
        link.status.quarantined += static_cast<std::uint64_t>(outcome->counts.quarantined);
        if (outcome->replay) {
          ++link.status.replays;
        }
        if (outcome->counts.quarantined > 0) {
          log.warning("sync: %d change(s) from %s quarantined", outcome->counts.quarantined,
                      link.peer);
          Audit("sync.quarantined", link.peer, link.is_parent ? config.node.org : link.org,
                std::to_string(outcome->counts.quarantined) + " change(s) of batch (" +
                    std::to_string(after) + ", " + std::to_string(upto) +
                    "] refused or not applicable; see GET /api/v1/sync/quarantine");
        }
        Send(link, kAck, EncodeAck(outcome->ack));
      }
    } else if (type == kSnapshot && link.is_parent) {
      ReceiveSnapshot(link, body);
    } else if (type == kSnapshotAck && !link.is_parent) {
      link.snapshot.in_flight = std::max(0, link.snapshot.in_flight - 1);
    } else if (type == kAck && link.snapshot.active) {
      // The child has the whole initial load; live batches start at its cursor.
      const AckMessage ack = DecodeAck(body);
      if (link.snapshot.last_sent && ack.cursor == link.snapshot.cursor) {
        link.snapshot.active = false;
        link.sender.Reset(ack.cursor);
        auto session = storage.Open();
        session->Execute(kSaveAcked, {ack.cursor, Now(), link.peer});
        link.acked_saved = ack.cursor;
      }
    } else if (type == kAck) {
      // Stored with the next purge (Housekeeping), not here: a write now would wait for
      // whatever transaction holds the database (a large import) and stall every link.
      // The peer's HELLO / WELCOME says where to resume anyway.
      const AckMessage ack = DecodeAck(body);
      link.sender.OnAck(ack.cursor, ack.gap);
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
        Send(link, kHello,
             EncodeHello({kProtocolVersion, config.node.id, config.node.org, link.receiver.cursor(),
                          link.receiver.cursor() == 0}));
      }
      return;
    }
    if (now_ms - link.last_sent_ms >= sync.heartbeat_ms) {
      Send(link, kPing, "{}");
    }
  } else if (!link.greeted || silent) {
    return;  // a child speaks first; its HELLO says where to resume
  }
  if (link.snapshot.active) {
    PumpSnapshot(link);
    return;
  }
  link.sender.CheckResend(now_ms);
  auto session = storage.Open();
  while (auto batch = link.sender.NextBatch(*session, now_ms)) {
    Send(link, kBatch, *batch);
  }
}

ForwardFilter SyncService::Impl::ForwardFrom(const PeerLink& link) const {
  return [this, &link](const Change& change) {
    if (parent && parent->sender.Routes(change, link.peer)) {
      return true;
    }
    return std::any_of(children.begin(), children.end(), [&](const auto& child) {
      return child->sender.Routes(change, link.peer);
    });
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

void SyncService::Impl::PumpSnapshot(PeerLink& link) {
  const config::SyncSection& sync = *config.sync;
  auto session = storage.Open();
  const auto& tables = catalog.tables();
  while (link.snapshot.in_flight < sync.window && link.snapshot.table < tables.size()) {
    const SyncTable& table = tables[link.snapshot.table];
    // The table and column names are the catalog's; the child's orgs are bound values.
    storage::SqlParams params{link.snapshot.after_id};
    std::string sql = "SELECT * FROM " + table.name + " WHERE id > ?";
    if (table.direction == module::SyncDirection::kUp) {
      const auth::DataScope child_scope(orgs.Current(), config.node.org, link.org);
      sql += " AND " + child_scope.SqlCondition("org_code", &params);
    }
    params.emplace_back(std::int64_t{sync.batch_max_changes});
    const auto rows = session->Query(sql + " ORDER BY id LIMIT ?", params);
    const std::vector<Change> changes = ChangesOf(table.name, rows);
    if (!changes.empty()) {
      link.snapshot.after_id = changes.back().row_id;
      Send(link, kSnapshot, EncodeSnapshot(table.name, changes, false, 0));
      ++link.snapshot.in_flight;
    }
    if (static_cast<int>(rows.size()) < sync.batch_max_changes) {
      ++link.snapshot.table;
      link.snapshot.after_id.clear();
    }
  }
  if (link.snapshot.table >= tables.size() && link.snapshot.in_flight == 0 &&
      !link.snapshot.last_sent) {
    Send(link, kSnapshot, EncodeSnapshot("", {}, true, link.snapshot.cursor));
    link.snapshot.last_sent = true;
  }
}

void SyncService::Impl::ReceiveSnapshot(PeerLink& link, const std::string& body) {
  const SnapshotMessage snapshot = DecodeSnapshot(body);
  auto session = storage.Open();
  session->BeginApply();
  const ApplyCounts counts =
      applier.Apply(*session, link.peer, snapshot.rows, FilterFor(link), ForwardFrom(link), Now());
  if (snapshot.last) {
    session->Execute("UPDATE sync_links SET received_cursor = ?, updated_at = ? WHERE peer = ?",
                     {snapshot.cursor, Now(), link.peer});
  }
  session->Commit();
  link.status.changes_applied += static_cast<std::uint64_t>(counts.applied);
  link.status.quarantined += static_cast<std::uint64_t>(counts.quarantined);
  if (snapshot.last) {
    link.receiver.SetCursor(snapshot.cursor);
    Send(link, kAck, EncodeAck({snapshot.cursor, false}));
  } else {
    Send(link, kSnapshotAck, "{}");
  }
}

void SyncService::Impl::Housekeeping(std::int64_t now_ms) {
  std::vector<PeerLink*> links;
  if (parent) {
    links.push_back(parent.get());
  }
  for (auto& child : children) {
    links.push_back(child.get());
  }
  if (now_ms - last_status_ms >= kStatusEveryMs) {
    last_status_ms = now_ms;
    auto session = storage.Open();
    const std::int64_t last = Outbox::LastSeq(*session);
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
      s.pending = last - link->sender.acked();
      s.batches_sent = link->sender.batches_sent();
      const auto oldest = session->Query(kOldestAfter, {link->sender.acked()});
      s.oldest_pending_at = oldest.empty() ? "" : oldest[0].Text(0);
      snapshot.push_back(s);
    }
    std::lock_guard<std::mutex> lock(status_mutex);
    status = std::move(snapshot);
  }
  if (now_ms - last_purge_ms >= kPurgeEveryMs) {
    last_purge_ms = now_ms;
    // An entry goes when every link has acknowledged it; never before.
    std::int64_t floor = -1;
    for (PeerLink* link : links) {
      floor = floor < 0 ? link->sender.acked() : std::min(floor, link->sender.acked());
    }
    // The acknowledged cursors are stored first, in the same transaction.
    auto session = storage.Open();
    session->Begin();
    for (PeerLink* link : links) {
      if (link->sender.acked() != link->acked_saved) {
        session->Execute(kSaveAcked, {link->sender.acked(), Now(), link->peer});
      }
    }
    if (floor >= 0) {
      session->Execute(kPurge, {floor});
    }
    session->Commit();
    for (PeerLink* link : links) {
      link->acked_saved = link->sender.acked();
    }
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
    PumpAll();
    if (!handled) {
      break;
    }
  }
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
