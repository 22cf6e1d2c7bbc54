#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>

#include "sync/outbox.h"

namespace mams::storage {
class Session;
}

namespace mams::sync {

/// Whether a change that came from `source` (an outbox entry's source) travels on a given
/// link (docs/sync-protocol.md §4). Decides by the change's table and org only, so that a
/// group of entries sharing them (OutboxGroup) is routed as a whole.
using RouteFilter = std::function<bool(const Change& change, const std::string& source)>;

/// What a link still owes its peer.
struct Backlog {
  std::int64_t changes = 0;       ///< outbox entries routed to the peer and not acknowledged
  std::string oldest_created_at;  ///< when the oldest of them was written (empty: none)
};

struct SenderLimits {
  int window = 4;
  int batch_max_changes = 4000;
  std::int64_t batch_max_bytes = 4 * 1024 * 1024;
  std::int64_t resend_after_ms = 5000;
  int load_page_rows = 5000;  ///< rows a page of a load carries
};

/// How many changes the next batch may carry (docs/sync-protocol.md §6): it starts small, so
/// a lone change goes out at once, doubles while full batches are acknowledged quickly, and
/// halves when an acknowledgement is slow or lost, never above the configured maximum.
class BatchSizer {
 public:
  BatchSizer(int max_changes, std::int64_t slow_ack_ms);
  int limit() const { return limit_; }
  /// A batch of `changes` acknowledged `round_trip_ms` after it was sent.
  void OnAcked(int changes, std::int64_t round_trip_ms);
  /// A batch was lost (a gap, or no acknowledgement in time).
  void OnLost();

 private:
  int max_;
  std::int64_t slow_ack_ms_;
  int limit_;
};

/// The sending side of one stream (§6): batches over the outbox after the peer's cursor, at
/// most `window` unacknowledged, resent from the acknowledged cursor when the peer reports a
/// gap or stays silent. Memory: at most `window` batch descriptors. Not thread-safe (the sync
/// thread owns it).
class StreamSender {
 public:
  StreamSender(RouteFilter route, SenderLimits limits, std::int64_t acked);

  /// Starts over from what the peer says it has (HELLO / WELCOME / a gap).
  void Reset(std::int64_t peer_cursor);
  /// The next BATCH body when the window has room and the outbox holds entries after what
  /// was sent; reads the outbox with `session`.
  std::optional<std::string> NextBatch(storage::Session& session, std::int64_t now_ms);
  /// Takes an ACK (`gap`: the peer refused a batch that did not start at its cursor).
  /// Returns true when the acknowledged cursor moved (to be persisted).
  bool OnAck(std::int64_t cursor, bool gap, std::int64_t now_ms);
  /// Goes back to the acknowledged cursor when the oldest batch waited too long.
  void CheckResend(std::int64_t now_ms);

  /// Whether this stream carries a change from `source`.
  bool Routes(const Change& change, const std::string& source) const {
    return route_(change, source);
  }
  /// The entries after PurgeFloor() that this stream routes: what the peer still has to
  /// acknowledge. Entries passed over (another subtree, upward only) are not counted.
  Backlog Pending(storage::Session& session) const;
  /// The outbox position up to which this link needs nothing more: the acknowledged cursor,
  /// or further when nothing is in flight and the entries after it do not route here.
  std::int64_t PurgeFloor() const;
  std::int64_t acked() const { return acked_; }
  std::int64_t sent_upto() const { return sent_upto_; }
  std::size_t in_flight() const { return in_flight_.size(); }
  std::uint64_t batches_sent() const { return batches_sent_; }
  std::uint64_t changes_sent() const { return changes_sent_; }
  int batch_limit() const { return sizer_.limit(); }

 private:
  struct InFlight {
    std::int64_t after;
    std::int64_t upto;
    std::int64_t sent_at_ms;
    int changes;
  };
  RouteFilter route_;
  SenderLimits limits_;
  std::int64_t acked_;
  std::int64_t sent_upto_;  ///< outbox entries up to here were sent or passed over
  std::int64_t batch_end_;  ///< `upto` of the last batch sent: the next batch's `after`
  std::deque<InFlight> in_flight_;
  BatchSizer sizer_;
  std::int64_t resending_from_ = -1;  ///< cursor of the last go-back after a gap
  std::uint64_t batches_sent_ = 0;
  std::uint64_t changes_sent_ = 0;
};

}  // namespace mams::sync
