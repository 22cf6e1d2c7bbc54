// SyncService's housekeeping: the status snapshot the API and gauges read, and the outbox
// purge of what every link has acknowledged.
#include <algorithm>
#include <chrono>

#include "node/storage/storage.h"
#include "sync/outbox.h"
#include "sync/sync_service_impl.h"

namespace mams::sync {
namespace {

// Purged often and a small chunk at a time: a purge holds the write lock, which every link's
// apply and the node's users' writes wait for (one large delete, every acknowledged image of
// ten seconds, once stalled every link for its length).
constexpr std::int64_t kPurgeEveryMs = 100;
constexpr std::int64_t kPurgeChunk = 2000;
constexpr std::int64_t kStatusEveryMs = 500;
// Counting a link's backlog scans the outbox after its floor: a node holding a large backlog
// (an import made while its parent was away) spent 44 % of its CPU counting it twice a second
// while it sent a load. So a count is taken again only after 20 times what the last one took.
constexpr std::int64_t kBacklogCostShare = 20;

}  // namespace

void SyncService::Impl::Housekeeping(std::int64_t now_ms) {
  const std::vector<PeerLink*> links = AllLinks();
  if (now_ms - last_status_ms >= kStatusEveryMs) {
    last_status_ms = now_ms;
    auto session = storage.Open();
    std::vector<LinkStatus> snapshot;
    const std::int64_t last_seq = Outbox::LastSeq(*session);
    for (PeerLink* link : links) {
      LinkStatus& s = link->status;
      s.paused = IsPaused(link->peer);
      s.connected = link->greeted && !Silent(*link, now_ms);
      s.last_heard_ms = link->last_heard_ms;
      s.sent_cursor = link->sender.sent_upto();
      s.acked_cursor = link->sender.acked();
      s.received_cursor = link->receiver.cursor();
      if (link->sender.PurgeFloor() >= last_seq) {
        s.pending = 0;  // everything acknowledged: nothing to count
        s.oldest_pending_at.clear();
      } else if (now_ms >= link->next_backlog_ms) {
        const auto started = std::chrono::steady_clock::now();
        const Backlog backlog = link->sender.Pending(*session);
        s.pending = backlog.changes;
        s.oldest_pending_at = backlog.oldest_created_at;
        const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - started);
        link->next_backlog_ms = now_ms + kBacklogCostShare * took.count();
      }
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
  if (links.empty() && !LinkStore::Any(*session)) {
    // A node that has never had a link keeps no history: a link added later is new and
    // starts with a load in both directions (§9), never with a replay of the outbox.
    floor = Outbox::LastSeq(*session);
  }
  const std::optional<std::int64_t> oldest = Outbox::OldestSeq(*session);
  const bool purgeable = floor >= 0 && oldest && *oldest <= floor;
  if (!purgeable && !acked_moved) {
    return;  // no write at all
  }
  if (purgeable) {
    floor = std::min(floor, *oldest + kPurgeChunk - 1);
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
      Outbox::DeleteUpTo(*session, floor);
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
      LinkStore::SaveAcked(session, link->peer, link->sender.acked(), Now());
      link->acked_saved = link->sender.acked();
    }
  }
}

}  // namespace mams::sync
