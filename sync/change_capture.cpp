#include "sync/change_capture.h"

#include <algorithm>

#include "node/common/clock.h"
#include "node/storage/storage.h"
#include "sync/outbox.h"

namespace mams::sync {
namespace {

// The highest version stored anywhere, so the clock never issues one below it.
std::int64_t HighestVersion(storage::Storage& storage,
                            const std::set<std::string, std::less<>>& tables) {
  auto session = storage.Open();
  std::int64_t highest = 0;
  for (const auto& table : tables) {
    const auto rows = session->Query("SELECT MAX(version) FROM " + table);
    if (!rows.empty() && !rows[0].IsNull(0)) {
      highest = std::max(highest, rows[0].Int(0));
    }
  }
  const auto outbox = session->Query("SELECT MAX(version) FROM sync_outbox");
  if (!outbox.empty() && !outbox[0].IsNull(0)) {
    highest = std::max(highest, outbox[0].Int(0));
  }
  return highest;
}

}  // namespace

ChangeCapture::ChangeCapture(storage::Storage& storage, std::string node_id,
                             std::vector<std::string> tables, NowMs now_ms, bool record)
    : node_id_(std::move(node_id)),
      record_(record),
      tables_(tables.begin(), tables.end()),
      now_ms_(std::move(now_ms)),
      clock_(now_ms_, HighestVersion(storage, tables_)) {}

bool ChangeCapture::IsCaptured(std::string_view table) const {
  return tables_.find(table) != tables_.end();
}

void ChangeCapture::BeforeCommit(storage::Session& session, std::int64_t version,
                                 const std::vector<std::string>& tables) {
  if (!record_) {
    return;
  }
  if (session.dialect().backend() == storage::Backend::kMysql) {
    version = OrderAcrossProcesses(session, version, tables);
  }
  std::vector<Change> changes;
  for (const auto& table : tables) {
    // The table name is a declared sync table (IsCaptured), never input.
    const auto rows = session.Query(
        "SELECT * FROM " + table + " WHERE version = ? AND version_node = ?", {version, node_id_});
    auto more = ChangesOf(table, rows);
    changes.insert(changes.end(), std::make_move_iterator(more.begin()),
                   std::make_move_iterator(more.end()));
  }
  Outbox::Append(session, changes, kLocalSource, FormatIsoUtc(now_ms_()));
}

std::int64_t ChangeCapture::OrderAcrossProcesses(storage::Session& session, std::int64_t version,
                                                 const std::vector<std::string>& tables) {
  // The outbox row first, as Outbox::Append and the sync thread take it: one lock order.
  session.Execute("UPDATE sync_counters SET value = value WHERE name = 'outbox_seq'");
  const std::int64_t floor =
      session.Query("SELECT value FROM sync_counters WHERE name = 'version_floor'").ScalarInt();
  std::int64_t stamped = version;
  if (version <= floor) {
    // Another process committed (or applied) a higher version meanwhile. The rows this
    // transaction wrote are found by their version, so they move together; a client holding
    // the old version as its ETag gets 409 at its next write and reads the row again.
    clock_.Observe(floor);
    stamped = clock_.Tick();
    session.RestampWrites(tables, version, stamped);
  }
  session.Execute("UPDATE sync_counters SET value = ? WHERE name = 'version_floor'",
                  {std::max(stamped, clock_.Last())});
  return stamped;
}

}  // namespace mams::sync
