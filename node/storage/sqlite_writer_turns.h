#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

struct sqlite3;

namespace mams::storage {

/// Waiting for SQLite's write lock among the connections of one process. SQLite's own busy
/// handler sleeps 1, 2, 5, 10 … 100 ms between attempts and is not woken when the lock is
/// released, so under concurrent writes a waiter slept through many free moments: the slow
/// creates at 10⁶ customers took 105, 130, 180, 231, 330 … 833 ms, just over that schedule's
/// sums (bench/RESULTS.md). Here a waiting connection is woken when another connection of
/// this process commits or rolls back (not in order of arrival: whoever tries first after
/// the wake-up wins), and tries again at least every `kRecheck` for writers in other
/// processes (the sqlite3 shell, an autocommit statement). Shared by the connections of one
/// database.
class SqliteWriterTurns {
 public:
  static constexpr std::chrono::milliseconds kRecheck{2};

  /// A connection of this process ended its write transaction.
  void Released();
  /// Blocks until the next Released() or `until`, whichever comes first.
  void WaitForRelease(std::chrono::steady_clock::time_point until);

 private:
  std::mutex mutex_;
  std::condition_variable released_cv_;
  std::uint64_t releases_ = 0;
};

/// One connection's busy handler: waits its turn for at most `timeout_ms` per statement.
class SqliteBusyWait {
 public:
  explicit SqliteBusyWait(SqliteWriterTurns& turns) : turns_(turns) {}
  /// Installs the handler on `db` (`timeout_ms` <= 0: none, a busy database fails at once)
  /// in place of SQLite's own (`PRAGMA busy_timeout`, which must not be used: it would
  /// replace this one).
  void Install(sqlite3* db, int timeout_ms);

 private:
  static int OnBusy(void* self, int attempts);

  SqliteWriterTurns& turns_;
  int timeout_ms_ = 0;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace mams::storage
