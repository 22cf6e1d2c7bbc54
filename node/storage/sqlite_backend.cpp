#include "node/storage/backends.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <sqlite3.h>

#include <mutex>
#include <string>
#include <string_view>

#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/storage/connection_pool.h"
#include "node/storage/sqlite_checkpointer.h"
#include "node/storage/sqlite_memory.h"
#include "node/storage/sqlite_statements.h"
#include "node/storage/sqlite_writer_turns.h"

namespace mams::storage {
namespace {

constexpr std::size_t kOpenTimeoutSeconds = 1;
constexpr std::size_t kStatementCacheLimit = 256;
constexpr int kAnalysisRowLimit = 2000;

bool EndsWriteTransaction(std::string_view sql) { return sql == "COMMIT" || sql == "ROLLBACK"; }

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, const config::SqliteSection& config,
                   SqliteWriterTurns& turns, SqliteCheckpointer& checkpointer)
      // POCO retries a failed open until the login timeout; a local file either opens at
      // once or not at all, so give up after one second.
      : session_("SQLite", path, kOpenTimeoutSeconds),
        statements_(Poco::Data::SQLite::Utility::dbHandle(session_), kStatementCacheLimit),
        turns_(turns),
        busy_wait_(turns),
        checkpoint_watch_(checkpointer) {
    checkpoint_watch_.Install(Db(), SqliteCheckpointWatch::kDefaultPages);
    // Per-connection settings; journal_mode=WAL is stored in the file itself.
    ExecuteRaw("PRAGMA foreign_keys = ON");
    SetBusyTimeout(config.busy_timeout_ms);
    ExecuteRaw("PRAGMA synchronous = " + config.synchronous);
    ExecuteRaw("PRAGMA cache_size = -" + std::to_string(config.cache_mib * 1024));  // KiB
    ExecuteRaw("PRAGMA mmap_size = " + std::to_string(std::int64_t{config.mmap_mib} << 20));
    // ANALYZE samples this many rows per index instead of reading whole tables.
    ExecuteRaw("PRAGMA analysis_limit = " + std::to_string(kAnalysisRowLimit));
  }

  ~SqliteConnection() override {
    // The hooks point at members that go before the handle closes.
    sqlite3_busy_handler(Db(), nullptr, nullptr);
    sqlite3_wal_hook(Db(), nullptr, nullptr);
  }

  ResultSet Query(std::string_view sql, const SqlParams& params) override {
    return statements_.Query(sql, params);
  }

  void QueryRows(std::string_view sql, const SqlParams& params, const RowCallback& each) override {
    statements_.QueryRows(sql, params, each);
  }

  std::int64_t Execute(std::string_view sql, const SqlParams& params) override {
    return statements_.Execute(sql, params);
  }

  void ExecuteRaw(std::string_view sql) override {
    if (!EndsWriteTransaction(sql)) {
      statements_.Execute(sql, {});
      return;
    }
    // Waiting writers are woken whether or not the statement succeeded: either way the
    // transaction is over.
    struct WakeWaiters {
      SqliteWriterTurns& turns;
      ~WakeWaiters() { turns.Released(); }
    } wake{turns_};
    statements_.Execute(sql, {});
  }

  // This process's turn-taking (SqliteWriterTurns) in place of SQLite's sleeping handler.
  void SetBusyTimeout(int ms) override { busy_wait_.Install(Db(), ms); }

  // Checkpoints are the checkpointer thread's (SqliteCheckpointer); the limit is ours.
  void SetCheckpointPages(int pages) override { checkpoint_watch_.Install(Db(), pages); }

  std::int64_t LastInsertId() override { return sqlite3_last_insert_rowid(Db()); }

  bool Usable() const override { return true; }  // a local file does not disconnect

  bool TransactionOpen() override { return sqlite3_get_autocommit(Db()) == 0; }

 private:
  // POCO Data opens and owns the connection; statements run through the C API with a
  // cache of compiled statements (see SqliteStatements).
  Poco::Data::Session session_;
  SqliteStatements statements_;
  SqliteWriterTurns& turns_;
  SqliteBusyWait busy_wait_;
  SqliteCheckpointWatch checkpoint_watch_;

  sqlite3* Db() { return Poco::Data::SQLite::Utility::dbHandle(session_); }
};

class SqliteStorage final : public Storage {
 public:
  SqliteStorage(const config::SqliteSection& config, int pool_size, int pool_wait_ms)
      : config_(config),
        dialect_(Backend::kSqlite),
        checkpointer_(config.path, config.synchronous),
        pool_(
            [this] {
              return std::make_unique<SqliteConnection>(config_.path, config_, turns_,
                                                        checkpointer_);
            },
            pool_size, std::chrono::milliseconds(pool_wait_ms)) {}

  std::unique_ptr<Session> Open() override {
    return std::make_unique<Session>(pool_, pool_.Acquire(), dialect_, hooks(), listeners());
  }
  const Dialect& dialect() const override { return dialect_; }
  PoolStats Stats() const override { return pool_.Stats(); }
  std::string Describe() const override { return "sqlite:" + config_.path; }

 private:
  config::SqliteSection config_;
  Dialect dialect_;
  SqliteWriterTurns turns_;          // before the pool: its connections refer to it
  SqliteCheckpointer checkpointer_;  // likewise
  ConnectionPool pool_;
};

}  // namespace

std::unique_ptr<Storage> OpenSqliteStorage(const config::SqliteSection& config, int pool_size,
                                           int pool_wait_ms) {
  static std::once_flag registered;
  std::call_once(registered, [] {
    InstallSqliteMemory();  // refused, harmlessly, if SQLite was initialised already
    // Memory statistics take one process-wide mutex on every allocation, which made two
    // request threads slower than one (bench/RESULTS.md). Possible only before SQLite
    // initialises; if something initialised it earlier the call is refused and changes nothing.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // A connection is used by one thread at a time (the pool lends it out whole; the
    // checkpointer's own connection is used only by its thread), so SQLite need not lock each
    // connection on every call: column reads alone were dozens of mutex pairs per row.
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    Poco::Data::SQLite::Connector::registerConnector();
  });

  const Poco::Path parent = Poco::Path(config.path).parent();
  try {
    Poco::File(parent).createDirectories();
  } catch (const Poco::Exception& e) {
    throw StartupError("storage.sqlite.path: cannot create directory '" + parent.toString() +
                       "': " + e.displayText());
  }
  std::unique_ptr<SqliteStorage> storage;
  try {
    storage = std::make_unique<SqliteStorage>(config, pool_size, pool_wait_ms);
  } catch (const StorageError& e) {  // its checkpointer opens the file first
    throw StartupError("storage.sqlite.path: cannot open '" + config.path + "': " + e.what());
  }
  try {
    auto session = storage->Open();
    // WAL lets readers run beside the single writer; it persists in the database file.
    const auto mode = session->Query("PRAGMA journal_mode = WAL");
    if (mode.empty() || mode[0].Text(0) != "wal") {
      throw StartupError("storage.sqlite.path: '" + config.path +
                         "' cannot use write-ahead logging (journal_mode=" +
                         (mode.empty() ? std::string("?") : mode[0].Text(0)) + ")");
    }
    session->Query("SELECT count(*) FROM sqlite_master");
  } catch (const Poco::Exception& e) {
    throw StartupError("storage.sqlite.path: cannot open '" + config.path +
                       "': " + e.displayText());
  } catch (const StorageError& e) {
    throw StartupError("storage.sqlite.path: cannot use '" + config.path + "': " + e.what());
  }
  return storage;
}

}  // namespace mams::storage
