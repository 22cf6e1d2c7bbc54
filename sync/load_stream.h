#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sync/change_applier.h"
#include "sync/protocol.h"
#include "sync/stream_sender.h"

namespace mams::storage {
class Session;
class Storage;
}  // namespace mams::storage

namespace mams::sync {

class StreamReceiver;
struct SyncTable;

/// The rows of `table` after id `after` that belong on a link, at most `limit`, in id order.
using PageSource =
    std::function<std::vector<Change>(const SyncTable& table, const std::string& after, int limit)>;

/// The sending side of a load (docs/sync-protocol.md §9): the current rows of a link's
/// tables, page by page, at most `window` pages unacknowledged, resumed from the receiver's
/// last committed page. Not thread-safe (the sync thread owns it).
class LoadSender {
 public:
  LoadSender(std::vector<const SyncTable*> tables, SenderLimits limits);

  /// A fresh load; the receiver's live cursor moves to `cursor` (this node's outbox position
  /// now) with the first page, and live batches wait until that page is acknowledged.
  void Start(std::int64_t cursor, std::int64_t now_ms);
  /// Goes on after the receiver's last committed page; page 0 or another load's position
  /// the sender cannot place starts a fresh load at `cursor`.
  void Resume(const LoadPosition& at, std::int64_t cursor, std::int64_t now_ms);
  void Stop() { active_ = false; }

  bool active() const { return active_; }
  /// True until the receiver has the first page of a fresh load.
  bool holds_live() const { return active_ && holds_live_; }
  std::int64_t cursor() const { return cursor_; }

  /// The next SNAPSHOT body, read from `rows`, or nothing (window full, or every page sent).
  std::optional<std::string> NextPage(const PageSource& rows, std::int64_t now_ms);
  /// Takes a SNAPSHOT_ACK. Returns true when it acknowledged the first page of a fresh load
  /// (the live stream then starts again at cursor()).
  bool OnAck(const SnapshotAck& ack, std::int64_t now_ms);
  /// Goes back to the last acknowledged page when the receiver stayed silent too long.
  void CheckResend(std::int64_t now_ms);

  std::int64_t pages_sent() const { return pages_sent_; }
  std::int64_t rows_sent() const { return rows_sent_; }
  std::int64_t acked_page() const { return acked_.page; }

 private:
  void RewindTo(const LoadPosition& at);

  std::vector<const SyncTable*> tables_;
  SenderLimits limits_;
  bool active_ = false;
  bool holds_live_ = false;
  bool last_sent_ = false;
  std::string load_;
  std::int64_t cursor_ = 0;
  std::int64_t next_page_ = 1;
  std::size_t table_ = 0;  ///< index into tables_ of the next page
  std::string after_;      ///< last id sent of that table
  LoadPosition acked_;     ///< the receiver's last word
  std::int64_t last_ack_ms_ = 0;
  std::int64_t pages_sent_ = 0;
  std::int64_t rows_sent_ = 0;
};

/// The receiving side of loads on one link: applies pages in order, each in one transaction
/// with the position reached (sync_links), so a load interrupted anywhere resumes after the
/// last committed page. Not thread-safe (the sync thread owns it).
class LoadReceiver {
 public:
  /// `wanted`: the stored position (nothing when no load is wanted or under way);
  /// `completed`: the id of the last load finished here.
  LoadReceiver(std::string peer, std::optional<LoadPosition> wanted, std::string completed);

  /// What to ask the other side for in HELLO / WELCOME.
  const std::optional<LoadPosition>& wanted() const { return wanted_; }
  /// Asks for a fresh load (stored, so it survives a restart).
  void Request(storage::Storage& storage, const std::string& now);

  /// Nothing when the database could not take the page now (the sender resends it).
  std::optional<SnapshotAck> OnPage(storage::Storage& storage, ChangeApplier& applier,
                                    const ApplyContext& context, const SnapshotMessage& page,
                                    StreamReceiver& live, ApplyCounts* counts);

 private:
  std::string peer_;
  std::optional<LoadPosition> wanted_;
  std::string completed_;
};

}  // namespace mams::sync
