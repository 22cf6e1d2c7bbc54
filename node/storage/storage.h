#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "node/storage/dialect.h"
#include "node/storage/result_set.h"
#include "node/storage/storage_error.h"

namespace mams::config {
struct StorageSection;
}

namespace mams::storage {

class Connection;
class ConnectionPool;
class RowListener;
class WriteHooks;

/// A connection borrowed from the pool for one unit of work; returned when destroyed.
/// All SQL uses `?` placeholders with bound values: there is no way to pass text that
/// becomes SQL. Not thread-safe; keep a session on one thread.
class Session {
 public:
  /// `hooks` and `listeners` (may be null) must outlive the session.
  Session(ConnectionPool& pool, std::unique_ptr<Connection> connection, const Dialect& dialect,
          WriteHooks* hooks = nullptr, const std::vector<RowListener*>* listeners = nullptr);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  ResultSet Query(std::string_view sql, const SqlParams& params = {});
  /// Calls `each` with every row while the query runs; the RowView is valid only inside the
  /// call. For readers that build their own records: no ResultSet, each text copied once.
  void QueryRows(std::string_view sql, const SqlParams& params, const RowCallback& each);
  /// A write to a captured (sync) table must run in a transaction and stamp the rows with
  /// WriteVersion() and WriteNode(); a DELETE from one is refused (tombstones only). Both
  /// are defects, reported as StorageError kUsage.
  std::int64_t Execute(std::string_view sql, const SqlParams& params = {});
  /// For statements with no parameters: DDL and backend control statements.
  void ExecuteRaw(std::string_view sql);
  std::int64_t LastInsertId();
  const Dialect& dialect() const { return dialect_; }

  void Begin();
  /// A transaction that applies changes received from another node: rows written with the
  /// versions they arrived with are not captured (the sync layer forwards them itself), and
  /// writes need not stamp WriteVersion(); rows that do stamp it are captured as usual.
  void BeginApply();
  void Commit();
  void Rollback();
  bool InTransaction() const { return in_transaction_; }
  /// Asks the database whether the transaction begun here is still open: after an error,
  /// false means the database ended it (a deadlock on MySQL) and the caller must not go on
  /// as if its earlier writes were still pending.
  bool TransactionStillOpen();

  /// The version every row written in the current transaction carries (`version` column),
  /// and the node that wrote it (`version_node`). Only inside a transaction.
  std::int64_t WriteVersion() const;
  const std::string& WriteNode() const;
  /// See Connection::SetBusyTimeout and SetCheckpointPages.
  void SetBusyTimeout(int ms);
  void SetCheckpointPages(int pages);
  /// For the commit hook only: moves the rows of `tables` this transaction stamped with
  /// version `from` to version `to` (the tables are declared sync tables, never input), and
  /// WriteVersion() with them.
  void RestampWrites(const std::vector<std::string>& tables, std::int64_t from, std::int64_t to);
  /// Tells the row listeners that keep `table` (a declared sync table) that the rows `ids`
  /// were written in this transaction: for the sync layer, which applies rows with the
  /// versions they arrived with. Local writes are told at Commit without being asked.
  void RowsWritten(std::string_view table, const std::vector<std::string>& ids);
  /// The same for the rows of a page of a load from `source` (RowListener::RowsLoaded), and
  /// the end of that load (RowListener::LoadEnded).
  void RowsLoaded(std::string_view table, const std::vector<std::string>& ids,
                  std::string_view source);
  void LoadEnded(std::string_view source);

 private:
  ConnectionPool& pool_;
  std::unique_ptr<Connection> connection_;
  const Dialect& dialect_;
  WriteHooks* hooks_;
  const std::vector<RowListener*>* listeners_;
  bool in_transaction_ = false;
  bool require_stamp_ = false;
  std::int64_t write_version_ = 0;
  std::vector<std::string> captured_tables_;  ///< written in this transaction

  void TellRowListeners();
};

/// The stamp of a write to a sync table followed by `params`: {WriteVersion(), WriteNode(),
/// params...}. Sync-table statements begin their SET with "base_version = version, version =
/// ?, version_node = ?" or their columns with "version, version_node, base_version" and their
/// values with "?, ?, 0" (docs/sync-protocol.md §3).
SqlParams Stamped(const Session& session, SqlParams params);

/// Begins on construction and rolls back on destruction unless Commit() was called, so an
/// exception anywhere in a service leaves nothing half-written.
class Transaction {
 public:
  explicit Transaction(Session& session) : session_(session) { session_.Begin(); }
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void Commit();

 private:
  Session& session_;
  bool done_ = false;
};

/// For a bulk load on one session: on SQLite, a page cache of `cache_mib` for the session's
/// connection while this object lives, so that a large transaction's dirty index pages are
/// written once at commit instead of spilling to the WAL again and again; and the WAL
/// checkpointed once per `cache_mib` of it instead of after every commit, so that pages
/// several batches touch (index interiors, busy leaves) are copied into the database once.
/// Both settings are restored afterwards. Nothing on MySQL, whose buffer pool is the
/// server's.
class BulkLoadCache {
 public:
  BulkLoadCache(Session& session, int cache_mib);
  ~BulkLoadCache();
  BulkLoadCache(const BulkLoadCache&) = delete;
  BulkLoadCache& operator=(const BulkLoadCache&) = delete;

 private:
  /// Copies the whole log into the database, waiting briefly for a checkpoint under way.
  void CheckpointWhole();

  Session& session_;
  std::optional<std::int64_t> previous_cache_;  ///< SQLite's cache_size before
  bool checkpoints_deferred_ = false;
};

struct PoolStats {
  int size = 0;                ///< configured maximum
  int open = 0;                ///< connections currently open
  int in_use = 0;              ///< borrowed right now
  std::uint64_t waits = 0;     ///< borrows that had to wait for a free connection
  std::uint64_t timeouts = 0;  ///< borrows that gave up
};

/// The database of one node. Thread-safe: each thread borrows its own Session.
class Storage {
 public:
  virtual ~Storage() = default;

  /// Borrows a connection, waiting up to the configured time; throws StorageError
  /// (kUnavailable) when none becomes free or the database cannot be reached.
  virtual std::unique_ptr<Session> Open() = 0;
  virtual const Dialect& dialect() const = 0;
  virtual PoolStats Stats() const = 0;
  /// "sqlite:/path/file.db" or "mysql://user@host:port/db" — never a password.
  virtual std::string Describe() const = 0;

  /// Installs the sync layer's capture; sessions opened afterwards use it. Not thread-safe:
  /// call once at start before serving requests. `hooks` must outlive the storage.
  void SetWriteHooks(WriteHooks* hooks) { hooks_ = hooks; }
  /// Adds a keeper of data derived from sync tables (the search index); same rules as
  /// SetWriteHooks. `listener` must outlive the storage.
  void AddRowListener(RowListener* listener) { listeners_.push_back(listener); }

 protected:
  WriteHooks* hooks() const { return hooks_; }
  const std::vector<RowListener*>* listeners() const { return &listeners_; }

 private:
  WriteHooks* hooks_ = nullptr;
  std::vector<RowListener*> listeners_;
};

/// Opens the configured backend and checks that it answers. Throws StartupError with a
/// message that names the file or address and the cause.
std::unique_ptr<Storage> OpenStorage(const config::StorageSection& config);

}  // namespace mams::storage
