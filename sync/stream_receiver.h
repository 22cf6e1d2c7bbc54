#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sync/change_applier.h"
#include "sync/protocol.h"

namespace mams::storage {
class Storage;
}

namespace mams::sync {

/// What receiving one batch did.
struct ReceiveOutcome {
  AckMessage ack;       ///< to send back
  bool replay = false;  ///< the batch was already committed (a replay or a resend)
  ApplyCounts counts;
};

/// The receiving side of one stream (docs/sync-protocol.md §6): applies a batch that starts
/// at the stream's cursor and moves the cursor in the same transaction; a replay is
/// acknowledged but not applied, a gap answered with the cursor. Not thread-safe (the sync
/// thread owns it).
class StreamReceiver {
 public:
  StreamReceiver(std::string peer, std::int64_t cursor);

  /// Nothing when the database could not take the batch now (busy, unavailable): no ACK is
  /// sent and the sender's resend timer tries again. Takes the batch's changes.
  std::optional<ReceiveOutcome> OnBatch(storage::Storage& storage, ChangeApplier& applier,
                                        const ApplyContext& context, BatchMessage batch);
  std::int64_t cursor() const { return cursor_; }
  /// After an initial load, which the caller committed together with the new cursor.
  void SetCursor(std::int64_t cursor) { cursor_ = cursor; }

 private:
  std::string peer_;
  std::int64_t cursor_;
};

}  // namespace mams::sync
