#include "node/storage/connection_pool.h"
#include "node/storage/storage.h"

namespace mams::storage {

Session::Session(ConnectionPool& pool, std::unique_ptr<Connection> connection,
                 const Dialect& dialect)
    : pool_(pool), connection_(std::move(connection)), dialect_(dialect) {}

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

std::int64_t Session::Execute(std::string_view sql, const SqlParams& params) {
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
}

void Session::Commit() {
  if (!in_transaction_) {
    throw StorageError(StorageErrorKind::kUsage, "commit without a transaction");
  }
  connection_->ExecuteRaw("COMMIT");
  in_transaction_ = false;  // only now: a failed COMMIT leaves the transaction to roll back
}

void Session::Rollback() {
  if (!in_transaction_) {
    return;
  }
  in_transaction_ = false;
  connection_->ExecuteRaw("ROLLBACK");
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
