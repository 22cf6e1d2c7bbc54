#include "sync/stream_receiver.h"

#include "node/storage/storage.h"
#include "sync/link_store.h"

namespace mams::sync {

StreamReceiver::StreamReceiver(std::string peer, std::int64_t cursor)
    : peer_(std::move(peer)), cursor_(cursor), staged_upto_(cursor) {}

StreamReceiver::~StreamReceiver() { Drop(); }

void StreamReceiver::Drop() {
  if (open_) {
    try {
      open_->Rollback();
    } catch (const storage::StorageError&) {
      // the connection is gone, and with it the transaction
    }
    open_.reset();
  }
  staged_upto_ = cursor_;
  staged_changes_ = 0;
}

std::optional<ReceiveOutcome> StreamReceiver::OnBatch(storage::Storage& storage,
                                                      ChangeApplier& applier,
                                                      const ApplyContext& context,
                                                      BatchMessage batch, std::int64_t now_ms) {
  ReceiveOutcome outcome;
  if (batch.upto <= staged_upto_) {
    outcome.replay = true;
    outcome.ack = AckMessage{cursor_, false};
    return outcome;
  }
  if (batch.after > staged_upto_) {
    outcome.ack = AckMessage{cursor_, true};
    return outcome;
  }
  std::vector<Change> changes;
  for (auto& sequenced : batch.changes) {
    if (sequenced.seq > staged_upto_) {  // an overlap with what was applied is skipped
      changes.push_back(std::move(sequenced.change));
    }
  }
  try {
    if (!open_) {
      open_ = storage.Open();
      open_->BeginApply();
      staged_since_ms_ = now_ms;
    }
    outcome.counts = applier.Apply(*open_, changes, context);
  } catch (const storage::StorageError&) {
    Drop();
    return std::nullopt;
  }
  staged_upto_ = batch.upto;
  staged_changes_ += static_cast<std::int64_t>(changes.size());
  return outcome;
}

std::optional<AckMessage> StreamReceiver::Commit(const std::string& now) {
  if (!open_) {
    return std::nullopt;
  }
  try {
    LinkStore::SaveReceived(*open_, peer_, staged_upto_, now);
    open_->Commit();
  } catch (const storage::StorageError&) {
    Drop();
    return std::nullopt;
  }
  open_.reset();
  cursor_ = staged_upto_;
  staged_changes_ = 0;
  return AckMessage{cursor_, false};
}

}  // namespace mams::sync
