// SyncService's sockets: opening the links of the configuration (CurveZMQ, ZAP for the
// children's keys), framing what is sent, and reading what arrives on each socket.
#include <algorithm>

#include "node/audit/audit_log.h"
#include "node/common/errors.h"
#include "node/storage/storage.h"
#include "sync/sync_service_impl.h"

namespace mams::sync {
namespace {

constexpr char kZapEndpoint[] = "inproc://zeromq.zap.01";
constexpr char kZapDomain[] = "mams-sync";
/// A refused key is audited once per this long: ZeroMQ reconnects every few seconds.
constexpr std::int64_t kRefusedKeyAuditEveryMs = 60000;

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

void SyncService::Impl::Audit(const std::string& action, const std::string& peer,
                              const std::string& org, const std::string& detail) {
  audit::Actor actor;
  actor.username = "sync";
  actor.org_code = config.node.org;
  audit::Entry entry = audit::EntryFor(action, "sync_link", peer, org);
  entry.outcome = "denied";
  entry.detail = detail;
  audit.AppendAlone(storage, actor, entry);
}

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
      const StoredLink stored = LinkStore::Load(*storage.Open(), child.node, Now());
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
    const StoredLink stored = LinkStore::Load(*storage.Open(), "parent", Now());
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
      const std::int64_t now = clock.NowMs();
      auto& last = refused_keys[z85];
      if (now - last >= kRefusedKeyAuditEveryMs) {
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

}  // namespace mams::sync
