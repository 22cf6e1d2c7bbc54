// SyncService, what goes out: live batches and load pages within their windows, the HELLO
// that opens a link, and the loads a peer asks for.
#include "node/auth/data_scope.h"
#include "node/storage/storage.h"
#include "sync/sync_service_impl.h"

namespace mams::sync {

void SyncService::Impl::Pump(PeerLink& link, std::int64_t now_ms) {
  const config::SyncSection& sync = *config.sync;
  if (IsPaused(link.peer)) {
    return;
  }
  const bool silent = Silent(link, now_ms);
  if (link.is_parent) {
    if (silent) {
      link.greeted = false;
    }
    if (!link.greeted) {
      if (now_ms - link.last_sent_ms >= sync.heartbeat_ms) {
        Send(link, kHello, EncodeHello(Greeting(link)));
      }
      return;
    }
    if (now_ms - link.last_sent_ms >= sync.heartbeat_ms) {
      Send(link, kPing, "{}");
    }
  } else if (!link.greeted || silent) {
    return;  // a child speaks first; its HELLO says where to resume
  }
  auto session = storage.Open();
  // Live batches first, then load pages: each has its own window, so a load never holds
  // live changes back by more than `window` pages.
  if (!link.load_out.holds_live()) {
    link.sender.CheckResend(now_ms);
    while (auto batch = link.sender.NextBatch(*session, now_ms)) {
      Send(link, kBatch, *batch);
    }
  }
  if (link.load_out.active()) {
    link.load_out.CheckResend(now_ms);
    const PageSource rows = [&](const SyncTable& table, const std::string& after, int limit) {
      // Down, the child's subtree; up, this node's (the parent link's org is the parent's).
      return LoadRows(*session, link.is_parent ? config.node.org : link.org, table, after, limit);
    };
    while (auto page = link.load_out.NextPage(rows, now_ms)) {
      Send(link, kSnapshot, *page);
    }
  }
}

HelloMessage SyncService::Impl::Greeting(const PeerLink& link) const {
  HelloMessage greeting{kProtocolVersion, config.node.id, config.node.org, link.receiver.cursor(),
                        link.load_in.wanted()};
  return greeting;
}

void SyncService::Impl::Greeted(PeerLink& link, const HelloMessage& greeting) {
  // A peer that stands before what it acknowledged has lost data (restored, or wiped): what
  // it lost may be purged from the outbox already, so it gets a fresh load.
  const bool regressed = greeting.cursor < link.sender.acked();
  link.sender.Reset(greeting.cursor);
  link.greeted = true;
  if (greeting.load) {
    if (greeting.load->page == 0) {
      StartLoad(link, "it asked for one");
    } else {
      auto session = storage.Open();
      link.load_out.Resume(*greeting.load, Outbox::LastSeq(*session), clock.NowMs());
      log.information("sync: resuming the load for %s after page %Ld", link.peer,
                      static_cast<long long>(greeting.load->page));
    }
  } else if (regressed) {
    StartLoad(link, "it stands before what it acknowledged");
  } else {
    link.load_out.Stop();
  }
}

void SyncService::Impl::StartLoad(PeerLink& link, const char* why) {
  auto session = storage.Open();
  const std::int64_t cursor = Outbox::LastSeq(*session);
  link.load_out.Start(cursor, clock.NowMs());
  log.information("sync: load for %s (%s), then live changes after outbox position %Ld", link.peer,
                  std::string(why), static_cast<long long>(cursor));
}

std::vector<Change> SyncService::Impl::LoadRows(storage::Session& session,
                                                const std::string& subtree_root,
                                                const SyncTable& table, const std::string& after,
                                                int limit) const {
  // The table and column names are the catalog's; ids and orgs are bound values.
  storage::SqlParams params{after};
  std::string sql = "SELECT * FROM " + table.by_id + " WHERE id > ?";
  if (table.direction == module::SyncDirection::kUp) {
    const auth::DataScope scope(orgs.Current(), config.node.org, subtree_root);
    sql += " AND " + scope.SqlCondition("org_code", &params);
  }
  params.emplace_back(std::int64_t{limit});
  return ChangesOf(table.name, session.Query(sql + " ORDER BY id LIMIT ?", params));
}

std::vector<const SyncTable*> SyncService::Impl::LoadTables(bool up) const {
  std::vector<const SyncTable*> tables;
  for (const SyncTable& table : catalog.tables()) {
    if (!up || table.direction == module::SyncDirection::kUp) {
      tables.push_back(&table);
    }
  }
  return tables;
}

}  // namespace mams::sync
