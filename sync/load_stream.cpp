#include "sync/load_stream.h"

#include <algorithm>

#include "node/common/ids.h"
#include "node/storage/storage.h"
#include "sync/link_store.h"
#include "sync/stream_receiver.h"
#include "sync/sync_catalog.h"

namespace mams::sync {
namespace {

/// Rows a load transaction takes before it is committed, and its page cache (SQLite): the
/// dirty pages of a table's indexes for that many rows stay in memory until the commit.
constexpr std::int64_t kLoadCommitRows = 100000;
constexpr int kLoadCacheMib = 256;

}  // namespace

LoadSender::LoadSender(std::vector<const SyncTable*> tables, SenderLimits limits)
    : tables_(std::move(tables)), limits_(limits) {}

void LoadSender::Start(std::int64_t cursor, std::int64_t now_ms) {
  active_ = true;
  holds_live_ = true;
  load_ = NewRowId();
  cursor_ = cursor;
  pages_sent_ = 0;
  rows_sent_ = 0;
  last_ack_ms_ = now_ms;
  RewindTo({load_, 0, "", ""});
}

void LoadSender::Resume(const LoadPosition& at, std::int64_t cursor, std::int64_t now_ms) {
  const bool placed = std::any_of(tables_.begin(), tables_.end(),
                                  [&](const SyncTable* table) { return table->name == at.table; });
  if (at.page == 0 || at.load.empty() || !placed) {
    Start(cursor, now_ms);
    return;
  }
  // The receiver's cursor moved with the first page already: live batches flow.
  active_ = true;
  holds_live_ = false;
  load_ = at.load;
  cursor_ = cursor;
  last_ack_ms_ = now_ms;
  RewindTo(at);
}

void LoadSender::RewindTo(const LoadPosition& at) {
  acked_ = at;
  next_page_ = at.page + 1;
  last_sent_ = false;
  table_ = 0;
  after_.clear();
  if (at.page > 0) {
    while (table_ < tables_.size() && tables_[table_]->name != at.table) {
      ++table_;
    }
    after_ = at.after;
  }
}

std::optional<std::string> LoadSender::NextPage(const PageSource& rows, std::int64_t now_ms) {
  if (!active_ || last_sent_ || next_page_ - 1 - acked_.page >= PageWindow()) {
    return std::nullopt;
  }
  if (next_page_ - 1 == acked_.page) {
    last_ack_ms_ = now_ms;  // the resend timer counts from the oldest unacknowledged page
  }
  SnapshotMessage page;
  page.load = load_;
  page.page = next_page_;
  page.cursor = cursor_;
  while (table_ < tables_.size()) {
    const SyncTable& table = *tables_[table_];
    page.rows = rows(table, after_, limits_.load_page_rows);
    if (page.rows.empty()) {
      ++table_;
      after_.clear();
      continue;
    }
    page.table = table.name;
    after_ = page.rows.back().row_id;
    if (static_cast<int>(page.rows.size()) < limits_.load_page_rows) {
      ++table_;
      after_.clear();
    }
    break;
  }
  // Every table sent: the closing page, which ends the load at the receiver.
  page.last = page.rows.empty();
  last_sent_ = page.last;
  ++next_page_;
  ++pages_sent_;
  rows_sent_ += static_cast<std::int64_t>(page.rows.size());
  return EncodeSnapshot(page);
}

bool LoadSender::OnAck(const SnapshotAck& ack, std::int64_t now_ms) {
  if (!active_ || ack.at.load != load_) {
    return false;  // of a load given up or replaced
  }
  last_ack_ms_ = now_ms;
  if (ack.gap) {
    RewindTo(ack.at);
    return false;
  }
  if (ack.at.page > acked_.page) {
    acked_ = ack.at;
  }
  const bool first = holds_live_ && acked_.page >= 1;
  if (first) {
    holds_live_ = false;
  }
  if (ack.done) {
    active_ = false;
  }
  return first;
}

void LoadSender::CheckResend(std::int64_t now_ms) {
  if (active_ && next_page_ - 1 > acked_.page && now_ms - last_ack_ms_ > limits_.resend_after_ms) {
    RewindTo(acked_);
    last_ack_ms_ = now_ms;
  }
}

struct LoadReceiver::Open {
  std::unique_ptr<storage::Session> session;
  std::optional<storage::BulkLoadCache> cache;
};

LoadReceiver::LoadReceiver(std::string peer, std::optional<LoadPosition> wanted,
                           std::string completed)
    : peer_(std::move(peer)), wanted_(std::move(wanted)), completed_(std::move(completed)) {}

LoadReceiver::~LoadReceiver() { Drop(); }

void LoadReceiver::Drop() {
  if (open_) {
    try {
      open_->session->Rollback();
      open_->cache.reset();
    } catch (const std::exception&) {
      // the connection is gone; so is its transaction
    }
    open_.reset();
  }
  position_.reset();
  ended_ = false;
  cursor_ = -1;
  rows_ = 0;
  pending_acks_.clear();
}

void LoadReceiver::Request(storage::Storage& storage, const std::string& now,
                           StreamReceiver& live) {
  Flush(live);
  LinkStore::SaveLoad(*storage.Open(), peer_, LoadPosition{}, false, now);
  wanted_ = LoadPosition{};
}

std::vector<SnapshotAck> LoadReceiver::OnPage(storage::Storage& storage, ChangeApplier& applier,
                                              const ApplyContext& context,
                                              const SnapshotMessage& page, StreamReceiver& live,
                                              ApplyCounts* counts) {
  const std::optional<LoadPosition>& at = open_ ? position_ : wanted_;
  const bool in_load = at && at->page > 0 && at->load == page.load;
  if (page.page != 1 && !(in_load && page.page == at->page + 1)) {
    // Not the next page: answered from what is committed.
    std::vector<SnapshotAck> acks = Flush(live);
    SnapshotAck ack;
    const bool committed = wanted_ && wanted_->page > 0 && wanted_->load == page.load;
    if (!wanted_ && page.load == completed_) {
      ack.at = {page.load, page.page, page.table, ""};  // the closing page, sent again
      ack.done = true;
    } else if (committed && page.page <= wanted_->page) {
      ack.at = *wanted_;  // a page committed before: said again, not applied
    } else {
      // Out of order, or of a load this node does not know: the sender goes back to where
      // this node stands (page 0: from the start).
      ack.at = committed ? *wanted_ : LoadPosition{page.load, 0, "", ""};
      ack.gap = true;
    }
    acks.push_back(ack);
    return acks;
  }
  if (page.page == 1) {
    Drop();  // a fresh load replaces whatever was under way
  }
  SnapshotAck ack;
  ack.at = {page.load, page.page, page.table,
            page.rows.empty() ? std::string() : page.rows.back().row_id};
  ack.done = page.last;
  try {
    if (!open_) {
      open_ = std::make_unique<Open>();
      open_->session = storage.Open();
      open_->cache.emplace(*open_->session, kLoadCacheMib);
      open_->session->BeginApply();
    }
    *counts = applier.Apply(*open_->session, page.rows, context);
    if (page.page == 1 && page.cursor > live.cursor()) {
      LinkStore::SaveReceived(*open_->session, peer_, page.cursor, context.now);
      cursor_ = page.cursor;
    }
    if (page.last) {
      open_->session->LoadEnded(peer_);  // what listeners put off until the load is over
    }
    LinkStore::SaveLoad(*open_->session, peer_, ack.at, page.last, context.now);
  } catch (const storage::StorageError&) {
    Drop();  // the sender's resend timer sends the pages again
    return {};
  }
  position_ = ack.at;
  ended_ = page.last;
  rows_ += static_cast<std::int64_t>(page.rows.size());
  pending_acks_.push_back(ack);
  if (page.page == 1 || page.last || rows_ >= kLoadCommitRows) {
    return Flush(live);
  }
  // Applied, not committed yet: acknowledged now all the same, so the sender keeps pages
  // coming while the transaction grows. Should this node stop before the commit, its next
  // HELLO / WELCOME gives the committed position and the sender goes back to it. The first
  // page (it moves the live cursor) and the closing page are acknowledged only committed.
  pending_acks_.pop_back();
  return {ack};
}

std::vector<SnapshotAck> LoadReceiver::Flush(StreamReceiver& live) {
  if (!open_) {
    return {};
  }
  try {
    open_->session->Commit();
    open_->cache.reset();
  } catch (const storage::StorageError&) {
    Drop();
    return {};
  }
  open_.reset();
  if (cursor_ >= 0) {
    live.SetCursor(cursor_);
  }
  if (ended_) {
    completed_ = position_->load;
    wanted_.reset();
  } else {
    wanted_ = position_;
  }
  std::vector<SnapshotAck> acks = std::move(pending_acks_);
  Drop();
  return acks;
}

}  // namespace mams::sync
