// SyncService: the sync thread's loop and the calls other threads make. The rest of the
// service is in the sync_service_*.cpp files (see sync_service_impl.h).
#include "sync/sync_service.h"

#include <chrono>

#include "node/storage/storage.h"
#include "sync/sync_service_impl.h"

namespace mams::sync {
namespace {

constexpr int kPollMs = 10;
constexpr int kMessagesPerWakeUp = 64;  ///< then housekeeping gets its turn
/// After an unexpected error the loop waits this long before its next turn.
constexpr int kRetryAfterErrorMs = 200;

}  // namespace

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
  for (PeerLink* link : AllLinks()) {
    Pump(*link, now);
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
        std::this_thread::sleep_for(std::chrono::milliseconds(kRetryAfterErrorMs));
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
