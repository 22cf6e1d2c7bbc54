#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace mams::storage {

/// Checkpoints one SQLite database's write-ahead log on a thread of its own. SQLite's
/// automatic checkpoint runs in whichever connection's commit pushes the log past its limit,
/// so a user's request paid for copying the log into the database file. Here a commit only
/// asks (SqliteCheckpointWatch, each connection's WAL hook), and this thread runs a passive
/// checkpoint, which never blocks readers or writers (and once a minute unasked); the last
/// connection to close checkpoints what is left.
class SqliteCheckpointer {
 public:
  /// Opens its own connection to `path` with the node's `synchronous` setting, which
  /// decides how a checkpoint syncs. Throws StorageError when the file cannot be opened.
  SqliteCheckpointer(const std::string& path, const std::string& synchronous);
  ~SqliteCheckpointer();
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

  /// A commit left the log at or above its connection's limit.
  void Ask();
  /// Checkpoints run so far.
  std::uint64_t checkpoints() const;

 private:
  void Run();

  sqlite3* db_ = nullptr;
  mutable std::mutex mutex_;
  std::condition_variable asked_cv_;
  bool asked_ = false;
  bool stopping_ = false;
  std::uint64_t checkpoints_ = 0;
  std::thread thread_;
};

/// One connection's WAL hook: asks the checkpointer once the log holds `pages` pages.
/// Takes the place of SQLite's automatic checkpoint (`PRAGMA wal_autocheckpoint` must not be
/// used: it would replace this hook; Session::SetCheckpointPages sets the limit).
class SqliteCheckpointWatch {
 public:
  /// Log pages after which a commit asks for a checkpoint (SQLite's own default).
  static constexpr int kDefaultPages = 1000;

  explicit SqliteCheckpointWatch(SqliteCheckpointer& checkpointer) : checkpointer_(checkpointer) {}
  /// `pages` <= 0: kDefaultPages. Asks for a checkpoint at once when this connection's last
  /// commit left the log at or above the new limit.
  void Install(sqlite3* db, int pages);
  int pages() const { return pages_; }

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int log_pages);

  SqliteCheckpointer& checkpointer_;
  int pages_ = kDefaultPages;
  int last_log_pages_ = 0;  ///< the log's size after this connection's last commit
};

}  // namespace mams::storage
