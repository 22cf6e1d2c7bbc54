// SyncService, what comes in: each message by type, live batches staged and committed,
// load pages applied, and the filters that decide what a link may bring.
#include <algorithm>

#include "sync/sync_service_impl.h"

namespace mams::sync {
namespace {

/// Live batches share a transaction for at most this long: it holds the write lock, and the
/// node's own users' writes wait for it.
constexpr std::int64_t kStagedMsLimit = 1000;

}  // namespace

void SyncService::Impl::HandleMessage(PeerLink& link, const std::string& type,
                                      const std::string& body) {
  const std::int64_t now = clock.NowMs();
  link.last_heard_ms = now;
  if (type != kSnapshot) {
    FlushLoads();
  }
  FlushBatches(type == kBatch ? &link : nullptr);
  try {
    if (type == kHello && !link.is_parent) {
      const HelloMessage hello = DecodeHello(body);
      if (hello.node != link.peer) {
        throw ProtocolError("wrong_node", "this key belongs to node " + link.peer);
      }
      Greeted(link, hello);
      Send(link, kWelcome, EncodeHello(Greeting(link)));
    } else if (type == kWelcome && link.is_parent) {
      const HelloMessage welcome = DecodeHello(body);
      link.status.org = welcome.org;
      link.org = welcome.org;
      Greeted(link, welcome);
    } else if (IsPaused(link.peer) && (type == kBatch || type == kSnapshot)) {
      // Paused: not applied and not acknowledged; the peer keeps it and sends it again.
    } else if (!link.greeted) {
      if (!link.is_parent) {
        Send(link, kError, EncodeError("hello_first", "send HELLO first"));
      }
    } else if (type == kBatch) {
      ReceiveBatch(link, body, now);
    } else if (type == kSnapshot) {
      ReceivePage(link, body);
    } else if (type == kSnapshotAck) {
      if (link.load_out.OnAck(DecodeSnapshotAck(body), now)) {
        // The peer's cursor moved to the load's with its first page: live batches go on
        // from there.
        link.sender.Reset(link.load_out.cursor());
      }
    } else if (type == kResync && link.is_parent) {
      StartLoad(link, "the parent asked for a resync");
    } else if (type == kAck) {
      // Stored with the next purge (Housekeeping), not here: a write now would wait for
      // whatever transaction holds the database (a large import) and stall every link.
      // The peer's HELLO / WELCOME says where to resume anyway.
      const AckMessage ack = DecodeAck(body);
      link.sender.OnAck(ack.cursor, ack.gap, now);
    } else if (type == kPing) {
      Send(link, kPong, "{}");
    } else if (type == kPong) {
      // last_heard_ms is all a PONG is for
    } else if (type == kError) {
      link.status.last_error = body;
      if (body.find("hello_first") != std::string::npos) {
        link.greeted = false;
      }
    } else {
      throw ProtocolError("unknown_type", "unknown message type " + type);
    }
  } catch (const ProtocolError& e) {
    link.status.last_error = e.code() + ": " + e.what();
    Send(link, kError, EncodeError(e.code(), e.what()));
  }
}

void SyncService::Impl::ReceiveBatch(PeerLink& link, const std::string& body, std::int64_t now_ms) {
  BatchMessage batch = DecodeBatch(body);
  const std::int64_t after = batch.after;
  const std::int64_t upto = batch.upto;
  if (link.receiver.staged() && !link.receiver.follows_staged(batch)) {
    CommitBatches(link);  // a resend or a gap is judged against what is committed
  }
  const auto outcome =
      link.receiver.OnBatch(storage, applier, ContextFor(link, true), std::move(batch), now_ms);
  if (!outcome) {
    return;
  }
  ++link.status.batches_received;
  link.status.changes_applied += static_cast<std::uint64_t>(outcome->counts.applied);
  link.status.conflicts += static_cast<std::uint64_t>(outcome->counts.conflicts);
  link.status.quarantined += static_cast<std::uint64_t>(outcome->counts.quarantined);
  if (outcome->replay) {
    ++link.status.replays;
  }
  if (outcome->counts.quarantined > 0) {
    // Committed before the audit entry (a write of its own), acknowledged after it.
    const auto ack = link.receiver.Commit(Now());
    log.warning("sync: %d change(s) from %s quarantined", outcome->counts.quarantined, link.peer);
    Audit("sync.quarantined", link.peer, link.is_parent ? config.node.org : link.org,
          std::to_string(outcome->counts.quarantined) + " change(s) of batch (" +
              std::to_string(after) + ", " + std::to_string(upto) +
              "] refused or not applicable; see GET /api/v1/sync/quarantine");
    if (ack) {
      Send(link, kAck, EncodeAck(*ack));
    }
  }
  if (outcome->ack) {
    Send(link, kAck, EncodeAck(*outcome->ack));
  } else if (link.receiver.staged_changes() >= StagedChangesLimit() ||
             clock.NowMs() - link.receiver.staged_since_ms() >= kStagedMsLimit) {
    CommitBatches(link);
  }
}

ApplyContext SyncService::Impl::ContextFor(const PeerLink& link, bool live) const {
  ApplyContext how;
  how.peer = link.peer;
  how.filter = FilterFor(link);
  how.forward = ForwardFrom(link);
  how.now = Now();
  how.load = !live;
  return how;
}

ForwardFilter SyncService::Impl::ForwardFrom(const PeerLink& link) const {
  return [this, &link](const Change& change) {
    if (parent && parent->sender.Routes(change, link.peer)) {
      return true;
    }
    return std::any_of(children.begin(), children.end(),
                       [&](const auto& child) { return child->sender.Routes(change, link.peer); });
  };
}

ChangeFilter SyncService::Impl::FilterFor(const PeerLink& link) const {
  return [this, &link](const Change& change) -> std::string {
    const bool up = IsUp(change.table);
    if (link.is_parent) {
      return !up || InSubtree(config.node.org, change.org_code)
                 ? ""
                 : "org " + change.org_code + " is outside this node's subtree";
    }
    if (!up) {
      return "reference data (" + change.table + ") comes only from above";
    }
    return InSubtree(link.org, change.org_code)
               ? ""
               : "org " + change.org_code + " is outside the subtree of " + link.peer;
  };
}

void SyncService::Impl::ReceivePage(PeerLink& link, const std::string& body) {
  const SnapshotMessage page = DecodeSnapshot(body);
  ApplyCounts counts;
  SendLoadAcks(link, link.load_in.OnPage(storage, applier, ContextFor(link, false), page,
                                         link.receiver, &counts));
  link.status.changes_applied += static_cast<std::uint64_t>(counts.applied);
  link.status.quarantined += static_cast<std::uint64_t>(counts.quarantined);
}

void SyncService::Impl::SendLoadAcks(PeerLink& link, const std::vector<SnapshotAck>& acks) {
  for (const SnapshotAck& ack : acks) {
    if (ack.done && !ack.gap) {
      log.information("sync: load from %s complete after %Ld page(s)", link.peer,
                      static_cast<long long>(ack.at.page));
    }
    Send(link, kSnapshotAck, EncodeSnapshotAck(ack));
  }
}

void SyncService::Impl::CommitBatches(PeerLink& link) {
  if (const auto ack = link.receiver.Commit(Now())) {
    Send(link, kAck, EncodeAck(*ack));
  }
}

void SyncService::Impl::FlushBatches(const PeerLink* keep) {
  for (PeerLink* link : AllLinks()) {
    if (link != keep && link->receiver.staged()) {
      CommitBatches(*link);
    }
  }
}

void SyncService::Impl::FlushLoads() {
  for (PeerLink* link : AllLinks()) {
    if (link->load_in.pending()) {
      SendLoadAcks(*link, link->load_in.Flush(link->receiver));
    }
  }
}

}  // namespace mams::sync
