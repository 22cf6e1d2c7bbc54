#include "node/storage/sqlite_writer_turns.h"

#include <sqlite3.h>

#include <algorithm>

namespace mams::storage {

void SqliteWriterTurns::Released() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    ++releases_;
  }
  released_cv_.notify_all();
}

void SqliteWriterTurns::WaitForRelease(std::chrono::steady_clock::time_point until) {
  std::unique_lock<std::mutex> lock(mutex_);
  const std::uint64_t seen = releases_;
  released_cv_.wait_until(lock, until, [&] { return releases_ != seen; });
}

void SqliteBusyWait::Install(sqlite3* db, int timeout_ms) {
  timeout_ms_ = timeout_ms;
  if (timeout_ms > 0) {
    sqlite3_busy_handler(db, &SqliteBusyWait::OnBusy, this);
  } else {
    sqlite3_busy_handler(db, nullptr, nullptr);
  }
}

// SQLite calls this while the lock it wants is held elsewhere; `attempts` starts at 0 for
// each statement that meets a busy database. Non-zero: try again.
int SqliteBusyWait::OnBusy(void* self, int attempts) {
  auto& wait = *static_cast<SqliteBusyWait*>(self);
  const auto now = std::chrono::steady_clock::now();
  if (attempts == 0) {
    wait.started_ = now;
  }
  const auto deadline = wait.started_ + std::chrono::milliseconds(wait.timeout_ms_);
  if (now >= deadline) {
    return 0;  // SQLITE_BUSY for the caller, as after busy_timeout
  }
  wait.turns_.WaitForRelease(std::min(deadline, now + SqliteWriterTurns::kRecheck));
  return 1;
}

}  // namespace mams::storage
