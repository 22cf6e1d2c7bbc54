#include <algorithm>
#include <chrono>
#include <thread>

#include "node/common/hybrid_clock.h"
#include "node/storage/connection_pool.h"
#include "node/storage/storage.h"
#include "node/storage/write_hooks.h"

namespace mams::storage {
namespace {

// Versions for storage used without the sync layer (tools, storage tests).
HybridClock& FallbackClock() {
  static HybridClock clock([] {
    return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count());
  });
  return clock;
}

const std::string kNoNode;

bool Contains(std::string_view sql, std::string_view part) {
  return sql.find(part) != std::string_view::npos;
}

}  // namespace

Session::Session(ConnectionPool& pool, std::unique_ptr<Connection> connection,
                 const Dialect& dialect, WriteHooks* hooks,
                 const std::vector<RowListener*>* listeners)
    : pool_(pool),
      connection_(std::move(connection)),
      dialect_(dialect),
      hooks_(hooks),
      listeners_(listeners) {}

Session::~Session() {
  if (in_transaction_ && connection_->Usable()) {
    try {
      connection_->ExecuteRaw("ROLLBACK");
    } catch (const StorageError&) {
      // The connection is broken; Usable() is now false and the pool will drop it.
    }
  }
  pool_.Release(std::move(connection_));
}

ResultSet Session::Query(std::string_view sql, const SqlParams& params) {
  return connection_->Query(sql, params);
}

void Session::QueryRows(std::string_view sql, const SqlParams& params, const RowCallback& each) {
  connection_->QueryRows(sql, params, each);
}

std::int64_t Session::Execute(std::string_view sql, const SqlParams& params) {
  const StatementTarget target = TargetOf(sql);
  if (target.kind != StatementTarget::Kind::kNone && hooks_ != nullptr &&
      hooks_->IsCaptured(target.table)) {
    const std::string table(target.table);
    if (target.kind == StatementTarget::Kind::kDelete) {
      throw StorageError(StorageErrorKind::kUsage,
                         "DELETE from sync table " + table + ": sync rows are tombstoned");
    }
    if (!in_transaction_) {
      throw StorageError(StorageErrorKind::kUsage,
                         "write to sync table " + table + " outside a transaction");
    }
    // The commit hook finds the rows by their version, so every write must stamp it.
    const bool stamped = target.kind == StatementTarget::Kind::kInsert
                             ? Contains(sql, "version_node") && Contains(sql, "base_version")
                             : Contains(sql, "base_version = version, version = ?") &&
                                   Contains(sql, "version_node = ?");
    if (!stamped && require_stamp_) {
      throw StorageError(StorageErrorKind::kUsage,
                         "write to sync table " + table + " does not stamp the row version");
    }
    if (std::find(captured_tables_.begin(), captured_tables_.end(), table) ==
        captured_tables_.end()) {
      captured_tables_.push_back(table);
    }
  }
  return connection_->Execute(sql, params);
}

void Session::ExecuteRaw(std::string_view sql) { connection_->ExecuteRaw(sql); }

std::int64_t Session::LastInsertId() { return connection_->LastInsertId(); }

void Session::Begin() {
  if (in_transaction_) {
    throw StorageError(StorageErrorKind::kUsage, "transaction already open on this session");
  }
  connection_->ExecuteRaw(dialect_.BeginTransaction());
  in_transaction_ = true;
  require_stamp_ = true;
  captured_tables_.clear();
  write_version_ = hooks_ != nullptr ? hooks_->NextWriteVersion() : FallbackClock().Tick();
}

void Session::BeginApply() {
  Begin();
  require_stamp_ = false;
}

std::int64_t Session::WriteVersion() const {
  if (!in_transaction_) {
    throw StorageError(StorageErrorKind::kUsage, "row version asked for outside a transaction");
  }
  return write_version_;
}

const std::string& Session::WriteNode() const {
  return hooks_ != nullptr ? hooks_->NodeId() : kNoNode;
}

void Session::RestampWrites(const std::vector<std::string>& tables, std::int64_t from,
                            std::int64_t to) {
  for (const auto& table : tables) {
    connection_->Execute(
        "UPDATE " + table + " SET version = ? WHERE version = ? AND version_node = ?",
        {to, from, WriteNode()});
  }
  write_version_ = to;
}

void Session::Commit() {
  if (!in_transaction_) {
    throw StorageError(StorageErrorKind::kUsage, "commit without a transaction");
  }
  if (!captured_tables_.empty()) {
    TellRowListeners();
    hooks_->BeforeCommit(*this, write_version_, captured_tables_);
    captured_tables_.clear();
  }
  connection_->ExecuteRaw("COMMIT");
  in_transaction_ = false;  // only now: a failed COMMIT leaves the transaction to roll back
}

void Session::RowsWritten(std::string_view table, const std::vector<std::string>& ids) {
  if (listeners_ == nullptr || ids.empty()) {
    return;
  }
  for (auto* listener : *listeners_) {
    if (listener->Keeps(table)) {
      listener->RowsWritten(*this, table, ids);
    }
  }
}

void Session::RowsLoaded(std::string_view table, const std::vector<std::string>& ids,
                         std::string_view source) {
  if (listeners_ == nullptr || ids.empty()) {
    return;
  }
  for (auto* listener : *listeners_) {
    if (listener->Keeps(table)) {
      listener->RowsLoaded(*this, table, ids, source);
    }
  }
}

void Session::LoadEnded(std::string_view source) {
  if (listeners_ == nullptr) {
    return;
  }
  for (auto* listener : *listeners_) {
    listener->LoadEnded(*this, source);
  }
}

void Session::TellRowListeners() {
  if (listeners_ == nullptr || listeners_->empty()) {
    return;
  }
  for (const auto& table : captured_tables_) {
    const bool kept = std::any_of(listeners_->begin(), listeners_->end(),
                                  [&](const RowListener* l) { return l->Keeps(table); });
    if (!kept) {
      continue;
    }
    // The table is a declared sync table (captured), never input; its version is indexed.
    std::vector<std::string> ids;
    QueryRows("SELECT id FROM " + table + " WHERE version = ? AND version_node = ?",
              {write_version_, WriteNode()},
              [&ids](const RowView& row) { ids.emplace_back(row.Text(0)); });
    RowsWritten(table, ids);
  }
}

void Session::Rollback() {
  if (!in_transaction_) {
    return;
  }
  in_transaction_ = false;
  captured_tables_.clear();
  connection_->ExecuteRaw("ROLLBACK");
}

bool Session::TransactionStillOpen() { return in_transaction_ && connection_->TransactionOpen(); }

void Session::SetBusyTimeout(int ms) { connection_->SetBusyTimeout(ms); }

void Session::SetCheckpointPages(int pages) { connection_->SetCheckpointPages(pages); }

SqlParams Stamped(const Session& session, SqlParams params) {
  params.insert(params.begin(), {SqlValue(session.WriteVersion()), SqlValue(session.WriteNode())});
  return params;
}

BulkLoadCache::BulkLoadCache(Session& session, int cache_mib) : session_(session) {
  if (session.dialect().backend() != Backend::kSqlite) {
    return;
  }
  const std::int64_t cache_bytes = std::int64_t{cache_mib} << 20;
  previous_cache_ = session.Query("PRAGMA cache_size").ScalarInt();
  session.ExecuteRaw("PRAGMA cache_size = -" + std::to_string(cache_bytes / 1024));
  const std::int64_t page_bytes = session.Query("PRAGMA page_size").ScalarInt();
  session.SetCheckpointPages(
      static_cast<int>(cache_bytes / std::max<std::int64_t>(page_bytes, 512)));
  checkpoints_deferred_ = true;
}

BulkLoadCache::~BulkLoadCache() {
  try {
    if (previous_cache_) {
      session_.ExecuteRaw("PRAGMA cache_size = " + std::to_string(*previous_cache_));
    }
    if (checkpoints_deferred_) {
      session_.SetCheckpointPages(0);  // back to the default
      if (!session_.InTransaction()) {
        CheckpointWhole();
      }
    }
  } catch (const StorageError&) {
    // The connection is broken; the pool drops it with its settings.
  }
}

void BulkLoadCache::CheckpointWhole() {
  // Before the load's next transaction begins: only a transaction that begins with the log
  // copied whole starts it again from its first frame. When the next one began first (the
  // commit had asked the checkpointer thread, so a checkpoint here found it busy and gave
  // up at once), the log never restarted: in a load of 10⁶ customers it grew to 3.7 GB of
  // new file blocks that the kernel zeroes before each write (13% of the load's time).
  // Passive, so other writers go on; a reader on an old snapshot can hold it back, so the
  // wait is short.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (true) {
    const ResultSet result = session_.Query("PRAGMA wal_checkpoint(PASSIVE)");
    const bool busy = result.empty() || result[0].Int(0) != 0;
    if ((!busy && result[0].Int(1) == result[0].Int(2)) ||
        std::chrono::steady_clock::now() >= deadline) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      session_.Rollback();
    } catch (const StorageError&) {
      // Destructors must not throw; a failed rollback leaves the connection unusable and
      // the database discards the open transaction when the connection closes.
    }
  }
}

void Transaction::Commit() {
  session_.Commit();
  done_ = true;
}

}  // namespace mams::storage
