#include "sync/stream_sender.h"

#include <algorithm>

#include "sync/protocol.h"

namespace mams::sync {
namespace {

constexpr int kReadsPerCall = 8;  ///< outbox reads that find nothing routed, then the loop moves on
constexpr int kFirstBatchLimit = 32;
constexpr int kLeastBatchLimit = 8;

}  // namespace

BatchSizer::BatchSizer(int max_changes, std::int64_t slow_ack_ms)
    : max_(std::max(1, max_changes)),
      slow_ack_ms_(slow_ack_ms),
      limit_(std::min(max_, kFirstBatchLimit)) {}

void BatchSizer::OnAcked(int changes, std::int64_t round_trip_ms) {
  if (round_trip_ms > slow_ack_ms_) {
    OnLost();
  } else if (changes >= limit_) {
    limit_ = std::min(max_, limit_ * 2);
  }
}

void BatchSizer::OnLost() { limit_ = std::max(std::min(max_, kLeastBatchLimit), limit_ / 2); }

StreamSender::StreamSender(RouteFilter route, SenderLimits limits, std::int64_t acked)
    : route_(std::move(route)),
      limits_(limits),
      acked_(acked),
      sent_upto_(acked),
      batch_end_(acked),
      sizer_(limits.batch_max_changes, limits.resend_after_ms / 4) {}

void StreamSender::Reset(std::int64_t peer_cursor) {
  // The peer's word is what it has committed: everything after it is sent again.
  acked_ = peer_cursor;
  sent_upto_ = peer_cursor;
  batch_end_ = peer_cursor;
  in_flight_.clear();
  resending_from_ = -1;
}

std::optional<std::string> StreamSender::NextBatch(storage::Session& session, std::int64_t now_ms) {
  if (static_cast<int>(in_flight_.size()) >= limits_.window) {
    return std::nullopt;
  }
  // Entries that do not route here are passed over without a message; the next batch's
  // (after, upto] spans them, and PurgeFloor lets them go once nothing is in flight.
  for (int read = 0; read < kReadsPerCall; ++read) {
    const auto entries = Outbox::ReadAfter(session, sent_upto_, sizer_.limit());
    if (entries.empty()) {
      return std::nullopt;
    }
    std::vector<const OutboxEntry*> routed;
    std::int64_t upto = sent_upto_;
    std::int64_t bytes = 0;
    for (const auto& entry : entries) {
      if (route_(entry.change, entry.source)) {
        const auto size = static_cast<std::int64_t>(entry.change.image.size()) + 200;
        if (!routed.empty() && bytes + size > limits_.batch_max_bytes) {
          break;  // this entry starts the next batch
        }
        bytes += size;
        routed.push_back(&entry);
      }
      upto = entry.seq;
    }
    sent_upto_ = upto;
    if (routed.empty()) {
      continue;
    }
    std::string body = EncodeBatch(batch_end_, upto, routed);
    in_flight_.push_back({batch_end_, upto, now_ms, static_cast<int>(entries.size())});
    batch_end_ = upto;
    ++batches_sent_;
    changes_sent_ += routed.size();
    return body;
  }
  return std::nullopt;
}

Backlog StreamSender::Pending(storage::Session& session) const {
  Backlog backlog;
  for (const OutboxGroup& group : Outbox::GroupsAfter(session, PurgeFloor())) {
    Change sample;
    sample.table = group.table;
    sample.org_code = group.org_code;
    if (!route_(sample, group.source)) {
      continue;
    }
    backlog.changes += group.entries;
    if (backlog.oldest_created_at.empty() || group.oldest_created_at < backlog.oldest_created_at) {
      backlog.oldest_created_at = group.oldest_created_at;
    }
  }
  return backlog;
}

std::int64_t StreamSender::PurgeFloor() const {
  return in_flight_.empty() ? std::max(acked_, sent_upto_) : acked_;
}

bool StreamSender::OnAck(std::int64_t cursor, bool gap, std::int64_t now_ms) {
  if (cursor < acked_) {
    Reset(cursor);  // the peer lost what it had acknowledged (restored from a backup)
    return true;
  }
  while (!in_flight_.empty() && in_flight_.front().upto <= cursor) {
    sizer_.OnAcked(in_flight_.front().changes, now_ms - in_flight_.front().sent_at_ms);
    in_flight_.pop_front();
  }
  const bool moved = cursor > acked_;
  acked_ = cursor;
  if (sent_upto_ < cursor) {
    sent_upto_ = cursor;
    batch_end_ = cursor;
  }
  // A gap: a batch before the one the peer saw was lost. Send again from its cursor, unless
  // that is already under way (further reports of the same gap come from batches sent
  // before the go-back; if the resent batch is lost too, the resend timer covers it).
  if (gap && resending_from_ != cursor) {
    sizer_.OnLost();
    sent_upto_ = cursor;
    batch_end_ = cursor;
    in_flight_.clear();
    resending_from_ = cursor;
  }
  return moved;
}

void StreamSender::CheckResend(std::int64_t now_ms) {
  if (!in_flight_.empty() && now_ms - in_flight_.front().sent_at_ms > limits_.resend_after_ms) {
    sizer_.OnLost();
    sent_upto_ = acked_;
    batch_end_ = acked_;
    in_flight_.clear();
    resending_from_ = -1;
  }
}

}  // namespace mams::sync
