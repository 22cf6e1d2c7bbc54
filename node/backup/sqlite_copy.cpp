#include "node/backup/sqlite_copy.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <memory>
#include <thread>

#include "node/common/errors.h"

namespace mams::backup {
namespace {

using Database = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Database Open(const std::string& path, int flags) {
  sqlite3* handle = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  Database database(handle, sqlite3_close);
  if (rc != SQLITE_OK) {
    throw StartupError("cannot open SQLite database " + path + ": " +
                       (handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(handle, 10000);
  return database;
}

bool Exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

}  // namespace

void CopySqliteDatabase(const std::string& from, const std::string& to) {
  if (!Exists(from)) {
    throw StartupError("SQLite database " + from + " does not exist");
  }
  if (Exists(to)) {
    throw StartupError(to + " already exists; it is not overwritten");
  }
  Database source = Open(from, SQLITE_OPEN_READONLY);
  Database target = Open(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3_backup* copy = sqlite3_backup_init(target.get(), "main", source.get(), "main");
  if (copy == nullptr) {
    throw StartupError("cannot copy " + from + ": " + sqlite3_errmsg(target.get()));
  }
  // All pages in one step: one read transaction, so the copy is one moment of the source.
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 600; ++attempt) {
    rc = sqlite3_backup_step(copy, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  sqlite3_backup_finish(copy);
  if (rc != SQLITE_DONE) {
    throw StartupError("copying " + from + " to " + to + " failed: " + sqlite3_errstr(rc));
  }
  if (sqlite3_errcode(target.get()) != SQLITE_OK) {
    throw StartupError("writing " + to + " failed: " + sqlite3_errmsg(target.get()));
  }
  // The copy keeps the source's WAL mode; fold its WAL into the file so the backup is one file.
  sqlite3_exec(target.get(), "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;",
               nullptr, nullptr, nullptr);
}

void CheckSqliteIntegrity(const std::string& path) {
  Database database = Open(path, SQLITE_OPEN_READONLY);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(database.get(), "PRAGMA integrity_check", -1, &statement, nullptr) !=
      SQLITE_OK) {
    throw StartupError(path + " is not a SQLite database: " + sqlite3_errmsg(database.get()));
  }
  std::string verdict = "no answer";
  if (sqlite3_step(statement) == SQLITE_ROW) {
    verdict = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  } else {
    verdict = sqlite3_errmsg(database.get());
  }
  sqlite3_finalize(statement);
  if (verdict != "ok") {
    throw StartupError(path + " fails SQLite's integrity check: " + verdict);
  }
}

int SqliteTableCount(const std::string& path) {
  if (!Exists(path)) {
    return 0;
  }
  return static_cast<int>(
      SqliteReadInt(path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));
}

std::int64_t SqliteReadInt(const std::string& path, const char* sql) {
  Database database = Open(path, SQLITE_OPEN_READONLY);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(database.get(), sql, -1, &statement, nullptr) != SQLITE_OK) {
    throw StartupError(path + ": " + sqlite3_errmsg(database.get()));
  }
  std::int64_t value = 0;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    value = sqlite3_column_int64(statement, 0);
  }
  sqlite3_finalize(statement);
  return value;
}

}  // namespace mams::backup
