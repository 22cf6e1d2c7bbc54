#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "node/storage/dialect.h"
#include "node/storage/result_set.h"
#include "node/storage/storage_error.h"

namespace mams::config {
struct StorageSection;
}

namespace mams::storage {

class Connection;
class ConnectionPool;

/// A connection borrowed from the pool for one unit of work; returned when destroyed.
/// All SQL uses `?` placeholders with bound values: there is no way to pass text that
/// becomes SQL. Not thread-safe; keep a session on one thread.
class Session {
 public:
  Session(ConnectionPool& pool, std::unique_ptr<Connection> connection, const Dialect& dialect);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  ResultSet Query(std::string_view sql, const SqlParams& params = {});
  std::int64_t Execute(std::string_view sql, const SqlParams& params = {});
  /// For statements with no parameters: DDL and backend control statements.
  void ExecuteRaw(std::string_view sql);
  std::int64_t LastInsertId();
  const Dialect& dialect() const { return dialect_; }

  void Begin();
  void Commit();
  void Rollback();
  bool InTransaction() const { return in_transaction_; }

 private:
  ConnectionPool& pool_;
  std::unique_ptr<Connection> connection_;
  const Dialect& dialect_;
  bool in_transaction_ = false;
};

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

struct PoolStats {
  int size = 0;       ///< configured maximum
  int open = 0;       ///< connections currently open
  int in_use = 0;     ///< borrowed right now
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
};

/// Opens the configured backend and checks that it answers. Throws StartupError with a
/// message that names the file or address and the cause.
std::unique_ptr<Storage> OpenStorage(const config::StorageSection& config);

}  // namespace mams::storage
