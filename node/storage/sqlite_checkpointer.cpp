#include "node/storage/sqlite_checkpointer.h"

#include <sqlite3.h>

#include <chrono>

#include "node/storage/storage_error.h"

namespace mams::storage {
namespace {

// A safety net: every connection asks when its log limit is passed.
constexpr auto kEvenUnasked = std::chrono::seconds(60);

}  // namespace

SqliteCheckpointer::SqliteCheckpointer(const std::string& path, const std::string& synchronous) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw StorageError(StorageErrorKind::kUnavailable, why);  // the caller names the file
  }
  // Only our own PRAGMA text with the configured value (checked by the config loader).
  sqlite3_exec(db_, ("PRAGMA synchronous = " + synchronous).c_str(), nullptr, nullptr, nullptr);
  sqlite3_wal_autocheckpoint(db_, 0);  // this connection writes nothing
  thread_ = std::thread([this] { Run(); });
}

SqliteCheckpointer::~SqliteCheckpointer() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  asked_cv_.notify_all();
  thread_.join();
  sqlite3_close(db_);
}

void SqliteCheckpointer::Ask() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    asked_ = true;
  }
  asked_cv_.notify_one();
}

std::uint64_t SqliteCheckpointer::checkpoints() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return checkpoints_;
}

void SqliteCheckpointer::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    asked_cv_.wait_for(lock, kEvenUnasked, [this] { return asked_ || stopping_; });
    if (stopping_) {
      break;
    }
    asked_ = false;
    lock.unlock();
    // A read first: a connection learns that the file is in WAL mode (set after this one
    // opened it) only by reading it, and a checkpoint of a connection that has not is a no-op.
    sqlite3_exec(db_, "PRAGMA schema_version", nullptr, nullptr, nullptr);
    // Passive: copies what no reader still needs and returns; busy or not, the next turn
    // tries again.
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    ++checkpoints_;
  }
}

void SqliteCheckpointWatch::Install(sqlite3* db, int pages) {
  pages_ = pages > 0 ? pages : kDefaultPages;
  sqlite3_wal_hook(db, &SqliteCheckpointWatch::OnCommit, this);
  if (last_log_pages_ >= pages_) {
    // A limit lowered after a bulk load: its log is due now, not at the next commit.
    checkpointer_.Ask();
  }
}

int SqliteCheckpointWatch::OnCommit(void* self, sqlite3*, const char*, int log_pages) {
  auto& watch = *static_cast<SqliteCheckpointWatch*>(self);
  watch.last_log_pages_ = log_pages;
  if (log_pages >= watch.pages_) {
    watch.checkpointer_.Ask();
  }
  return SQLITE_OK;
}

}  // namespace mams::storage
