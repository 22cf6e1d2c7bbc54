#include "node/storage/sqlite_backend.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <sqlite3.h>

#include <mutex>

#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/storage/connection_pool.h"

namespace mams::storage {
namespace {

constexpr std::size_t kOpenTimeoutSeconds = 1;

using Poco::Data::Keywords::bind;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

[[noreturn]] void Rethrow(const Poco::Exception& e, std::string_view what) {
  const std::string message = "sqlite: " + std::string(what) + ": " + e.displayText();
  if (dynamic_cast<const Poco::Data::SQLite::ConstraintViolationException*>(&e) != nullptr) {
    throw StorageError(StorageErrorKind::kConstraint, message);
  }
  if (dynamic_cast<const Poco::Data::SQLite::DBLockedException*>(&e) != nullptr ||
      dynamic_cast<const Poco::Data::SQLite::TableLockedException*>(&e) != nullptr) {
    throw StorageError(StorageErrorKind::kBusy, message);
  }
  if (dynamic_cast<const Poco::Data::SQLite::CantOpenDBFileException*>(&e) != nullptr ||
      dynamic_cast<const Poco::Data::SQLite::IOErrorException*>(&e) != nullptr ||
      dynamic_cast<const Poco::Data::SQLite::DatabaseFullException*>(&e) != nullptr) {
    throw StorageError(StorageErrorKind::kUnavailable, message);
  }
  throw StorageError(StorageErrorKind::kUsage, message);
}

SqlValue ToSqlValue(const Poco::Dynamic::Var& var) {
  if (var.isEmpty()) {
    return nullptr;
  }
  if (var.isInteger() || var.isBoolean()) {
    return var.convert<Poco::Int64>();
  }
  if (var.isNumeric()) {
    return var.convert<double>();
  }
  return var.convert<std::string>();
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, const config::SqliteSection& config)
      // POCO retries a failed open until the login timeout; a local file either opens at
      // once or not at all, so give up after one second.
      : session_("SQLite", path, kOpenTimeoutSeconds) {
    // Per-connection settings; journal_mode=WAL is stored in the file itself.
    session_ << "PRAGMA foreign_keys = ON", now;
    session_ << "PRAGMA busy_timeout = " + std::to_string(config.busy_timeout_ms), now;
    session_ << "PRAGMA synchronous = " + config.synchronous, now;
  }

  ResultSet Query(std::string_view sql, const SqlParams& params) override {
    try {
      Poco::Data::Statement statement = Prepare(sql, params);
      statement.execute();
      Poco::Data::RecordSet records(statement);
      std::vector<std::string> columns;
      const std::size_t column_count = records.columnCount();
      for (std::size_t c = 0; c < column_count; ++c) {
        columns.push_back(records.columnName(c));
      }
      ResultSet result(std::move(columns));
      const std::size_t row_count = records.rowCount();
      for (std::size_t r = 0; r < row_count; ++r) {
        std::vector<SqlValue> values;
        values.reserve(column_count);
        for (std::size_t c = 0; c < column_count; ++c) {
          values.push_back(records.isNull(c, r) ? SqlValue(nullptr)
                                                : ToSqlValue(records.value(c, r)));
        }
        result.AddRow(std::move(values));
      }
      return result;
    } catch (const Poco::Exception& e) {
      Rethrow(e, "query failed");
    }
  }

  std::int64_t Execute(std::string_view sql, const SqlParams& params) override {
    try {
      Poco::Data::Statement statement = Prepare(sql, params);
      return static_cast<std::int64_t>(statement.execute());
    } catch (const Poco::Exception& e) {
      Rethrow(e, "statement failed");
    }
  }

  void ExecuteRaw(std::string_view sql) override {
    try {
      session_ << std::string(sql), now;
    } catch (const Poco::Exception& e) {
      Rethrow(e, "statement failed");
    }
  }

  std::int64_t LastInsertId() override {
    return Query("SELECT last_insert_rowid()", {}).ScalarInt();
  }

  bool Usable() const override { return true; }  // a local file does not disconnect

 private:
  Poco::Data::Statement Prepare(std::string_view sql, const SqlParams& params) {
    Poco::Data::Statement statement(session_);
    statement << std::string(sql);
    for (const auto& param : params) {
      if (std::holds_alternative<std::nullptr_t>(param)) {
        statement.addBind(use(Poco::Data::Keywords::null));
      } else if (const auto* i = std::get_if<std::int64_t>(&param)) {
        statement.addBind(bind(static_cast<Poco::Int64>(*i)));
      } else if (const auto* d = std::get_if<double>(&param)) {
        statement.addBind(bind(*d));
      } else {
        statement.addBind(bind(std::get<std::string>(param)));
      }
    }
    return statement;
  }

  Poco::Data::Session session_;
};

class SqliteStorage final : public Storage {
 public:
  SqliteStorage(const config::SqliteSection& config, int pool_size, int pool_wait_ms)
      : config_(config),
        dialect_(Backend::kSqlite),
        pool_([this] { return std::make_unique<SqliteConnection>(config_.path, config_); },
              pool_size, std::chrono::milliseconds(pool_wait_ms)) {}

  std::unique_ptr<Session> Open() override {
    return std::make_unique<Session>(pool_, pool_.Acquire(), dialect_);
  }
  const Dialect& dialect() const override { return dialect_; }
  PoolStats Stats() const override { return pool_.Stats(); }
  std::string Describe() const override { return "sqlite:" + config_.path; }

 private:
  config::SqliteSection config_;
  Dialect dialect_;
  ConnectionPool pool_;
};

}  // namespace

std::unique_ptr<Storage> OpenSqliteStorage(const config::SqliteSection& config, int pool_size,
                                           int pool_wait_ms) {
  static std::once_flag registered;
  std::call_once(registered, [] {
    // Memory statistics take one process-wide mutex on every allocation, which made two
    // request threads slower than one (bench/RESULTS.md). Possible only before SQLite
    // initialises; if something initialised it earlier the call is refused and changes nothing.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    Poco::Data::SQLite::Connector::registerConnector();
  });

  const Poco::Path parent = Poco::Path(config.path).parent();
  try {
    Poco::File(parent).createDirectories();
  } catch (const Poco::Exception& e) {
    throw StartupError("storage.sqlite.path: cannot create directory '" + parent.toString() +
                       "': " + e.displayText());
  }
  auto storage = std::make_unique<SqliteStorage>(config, pool_size, pool_wait_ms);
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
