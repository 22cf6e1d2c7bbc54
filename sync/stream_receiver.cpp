#include "sync/stream_receiver.h"

#include "node/storage/storage.h"

namespace mams::sync {
namespace {

constexpr char kSaveCursor[] =
    "UPDATE sync_links SET received_cursor = ?, updated_at = ? WHERE peer = ?";

}  // namespace

StreamReceiver::StreamReceiver(std::string peer, std::int64_t cursor)
    : peer_(std::move(peer)), cursor_(cursor) {}

std::optional<ReceiveOutcome> StreamReceiver::OnBatch(storage::Storage& storage,
                                                      ChangeApplier& applier,
                                                      const ApplyContext& context,
                                                      BatchMessage batch) {
  ReceiveOutcome outcome;
  if (batch.upto <= cursor_) {
    outcome.replay = true;
    outcome.ack = {cursor_, false};
    return outcome;
  }
  if (batch.after > cursor_) {
    outcome.ack = {cursor_, true};
    return outcome;
  }
  std::vector<Change> changes;
  for (auto& sequenced : batch.changes) {
    if (sequenced.seq > cursor_) {  // an overlap with what was committed is skipped
      changes.push_back(std::move(sequenced.change));
    }
  }
  try {
    auto session = storage.Open();
    session->BeginApply();
    outcome.counts = applier.Apply(*session, changes, context);
    session->Execute(kSaveCursor, {batch.upto, context.now, peer_});
    session->Commit();
  } catch (const storage::StorageError&) {
    return std::nullopt;
  }
  cursor_ = batch.upto;
  outcome.ack = {cursor_, false};
  return outcome;
}

}  // namespace mams::sync
