#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sync/stream_receiver.h"
#include "sync/stream_sender.h"

namespace mams::sync {

struct SyncTable;

/// The rows of `table` after id `after` that belong on a link, at most `limit`, in id order.
using PageSource =
    std::function<std::vector<Change>(const SyncTable& table, const std::string& after, int limit)>;

/// The sending side of a load (docs/sync-protocol.md §9): the current rows of a link's
/// tables, page by page, at most 2 × `window` pages unacknowledged, resumed from the receiver's
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
  /// Pages in flight: twice the batch window, so that the receiver, which commits a few pages
  /// at a time, always has the next pages at hand while it commits.
  std::int64_t PageWindow() const { return 2 * std::int64_t{limits_.window}; }

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

/// The receiving side of loads on one link: applies pages in order and stores the position
/// reached (sync_links) in the same transaction, so a load interrupted anywhere resumes
/// after the last committed page. Consecutive pages share one transaction (on a connection
/// with a bulk-load page cache) until Flush: SQLite writes every page of an index a
/// transaction touched, so a load committed page by page would rewrite its indexes over and
/// over. A page is acknowledged once applied (the first and the closing page once
/// committed): after a stop, the position this node reports is the committed one, and the
/// sender goes back to it. Not thread-safe (the sync thread owns it); while a transaction is
/// open the caller must Flush before writing anything else.
class LoadReceiver {
 public:
  /// `wanted`: the stored position (nothing when no load is wanted or under way);
  /// `completed`: the id of the last load finished here.
  LoadReceiver(std::string peer, std::optional<LoadPosition> wanted, std::string completed);
  ~LoadReceiver();
  LoadReceiver(const LoadReceiver&) = delete;
  LoadReceiver& operator=(const LoadReceiver&) = delete;

  /// What to ask the other side for in HELLO / WELCOME.
  const std::optional<LoadPosition>& wanted() const { return wanted_; }
  /// Asks for a fresh load (stored, so it survives a restart). Flushes first.
  void Request(storage::Storage& storage, const std::string& now, StreamReceiver& live);

  /// Takes a page: answers to send now (a page out of order or seen before, or the pages
  /// committed when this one filled the transaction or ended the load).
  std::vector<SnapshotAck> OnPage(storage::Storage& storage, ChangeApplier& applier,
                                  const ApplyContext& context, const SnapshotMessage& page,
                                  StreamReceiver& live, ApplyCounts* counts);
  /// True while applied pages wait for their commit.
  bool pending() const { return open_ != nullptr; }
  /// Commits the open transaction and returns the answers for its pages; nothing when the
  /// database refused the commit (the pages are rolled back and the sender sends them again).
  std::vector<SnapshotAck> Flush(StreamReceiver& live);

 private:
  struct Open;  // the open transaction
  void Drop();

  std::string peer_;
  std::optional<LoadPosition> wanted_;  ///< as committed
  std::string completed_;
  std::unique_ptr<Open> open_;
  std::optional<LoadPosition> position_;  ///< including pages not committed yet
  bool ended_ = false;                    ///< the closing page is in the open transaction
  std::int64_t cursor_ = -1;              ///< the live cursor the open transaction stores
  std::int64_t rows_ = 0;                 ///< rows in the open transaction
  std::vector<SnapshotAck> pending_acks_;
};

}  // namespace mams::sync
