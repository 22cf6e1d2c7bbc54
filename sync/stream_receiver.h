#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "sync/change_applier.h"
#include "sync/protocol.h"

namespace mams::storage {
class Session;
class Storage;
}  // namespace mams::storage

namespace mams::sync {

/// What receiving one batch did.
struct ReceiveOutcome {
  /// To send back now: a replay or a gap. Empty for an applied batch, which is acknowledged
  /// by Commit() once committed.
  std::optional<AckMessage> ack;
  bool replay = false;  ///< the batch was already committed (a replay or a resend)
  ApplyCounts counts;
};

/// The receiving side of one stream (docs/sync-protocol.md §6): applies batches that follow
/// the stream's cursor in one open transaction and moves the cursor with them; Commit()
/// commits them together and says what to acknowledge. Consecutive batches that were waiting
/// share one commit, which writes each index page they touched once (a commit per batch
/// rewrote most of a table's index pages every time under load). A replay is acknowledged
/// but not applied, a gap answered with the cursor. Not thread-safe (the sync thread owns it).
class StreamReceiver {
 public:
  StreamReceiver(std::string peer, std::int64_t cursor);
  ~StreamReceiver();

  /// Nothing when the database could not take the batch now (busy, unavailable): what was
  /// staged is rolled back, no ACK is sent and the sender's resend timer tries again. Takes
  /// the batch's changes. A batch that does not follow the staged ones is judged against the
  /// committed cursor, so the caller commits first (see follows_staged).
  std::optional<ReceiveOutcome> OnBatch(storage::Storage& storage, ChangeApplier& applier,
                                        const ApplyContext& context, BatchMessage batch,
                                        std::int64_t now_ms);
  /// Commits what was staged; the ACK to send, or nothing when nothing was staged or the
  /// commit failed (then the cursor is back where it was committed).
  std::optional<AckMessage> Commit(const std::string& now);

  bool staged() const { return open_ != nullptr; }
  std::int64_t staged_changes() const { return staged_changes_; }
  /// When the first staged batch was applied (its transaction holds the write lock since).
  std::int64_t staged_since_ms() const { return staged_since_ms_; }
  /// Whether `batch` starts where the staged ones end (then it may share their commit).
  bool follows_staged(const BatchMessage& batch) const {
    return batch.after <= staged_upto_ && batch.upto > staged_upto_;
  }
  /// The committed cursor: what this node has and says it has.
  std::int64_t cursor() const { return cursor_; }
  /// After an initial load, which the caller committed together with the new cursor.
  void SetCursor(std::int64_t cursor) { cursor_ = staged_upto_ = cursor; }

 private:
  void Drop();

  std::string peer_;
  std::int64_t cursor_;
  std::int64_t staged_upto_;
  std::int64_t staged_changes_ = 0;
  std::int64_t staged_since_ms_ = 0;
  std::unique_ptr<storage::Session> open_;  ///< the apply transaction of the staged batches
};

}  // namespace mams::sync
