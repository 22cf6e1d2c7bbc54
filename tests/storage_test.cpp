// The storage layer on both backends: types, transactions, constraints, dialect statements,
// the pool under concurrency and exhaustion, and bound parameters against injection.
#include "node/storage/storage.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "node/config/node_config.h"
#include "node/storage/sqlite_writer_turns.h"
#include "tests/support/test_backends.h"

namespace mams {
namespace {

using storage::SqlParams;
using storage::StorageError;
using storage::StorageErrorKind;
using testing::Backend;

class StorageTest : public testing::BackendTest {
 protected:
  void SetUpBackend() override {
    storage().Open()->ExecuteRaw(
        "CREATE TABLE items (id VARCHAR(36) NOT NULL PRIMARY KEY, name VARCHAR(128) NOT NULL,"
        " amount BIGINT, ratio DOUBLE, note TEXT)" +
        storage().dialect().TableOptions());
  }

  std::int64_t Count() { return storage().Open()->Query("SELECT COUNT(*) FROM items").ScalarInt(); }
};

TEST_P(StorageTest, RoundTripsEveryValueTypeIncludingChineseTextAndNull) {
  auto session = storage().Open();
  EXPECT_EQ(1, session->Execute(
                   "INSERT INTO items (id, name, amount, ratio, note) VALUES (?, ?, ?, ?, ?)",
                   {std::string("a"), std::string("中国电信广州分公司"),
                    std::int64_t{9007199254740993}, 0.25, nullptr}));
  const auto rows = session->Query("SELECT id, name, amount, ratio, note FROM items WHERE id = ?",
                                   {std::string("a")});
  ASSERT_EQ(1u, rows.size());
  EXPECT_EQ("中国电信广州分公司", rows[0].Text("name"));
  EXPECT_EQ(9007199254740993, rows[0].Int("amount"));
  EXPECT_DOUBLE_EQ(0.25, rows[0].Real(3));
  EXPECT_TRUE(rows[0].IsNull("note"));
  EXPECT_FALSE(rows[0].OptionalText("note").has_value());
}

TEST_P(StorageTest, BoundParametersAreNeverParsedAsSql) {
  auto session = storage().Open();
  const std::string hostile = "x'); DROP TABLE items; --";
  session->Execute("INSERT INTO items (id, name) VALUES (?, ?)", {std::string("h"), hostile});
  const auto rows = session->Query("SELECT name FROM items WHERE name = ?", {hostile});
  ASSERT_EQ(1u, rows.size());
  EXPECT_EQ(hostile, rows[0].Text(0));
}

// SQLite's statement cache hashes a long text by a few of its words: texts of one length
// that differ only between them share a bucket and must still find their own statement.
TEST_P(StorageTest, StatementsThatDifferInOneByteAreNeverConfused) {
  auto session = storage().Open();
  const std::string padding(100, ' ');
  for (int round = 0; round < 2; ++round) {  // the second round reads from the cache
    for (int digit = 1; digit <= 9; ++digit) {
      // The same length; only the digit in the middle of the text differs.
      const std::string sql = "SELECT" + padding + std::to_string(digit) + padding + "AS n";
      EXPECT_EQ(digit, session->Query(sql).ScalarInt()) << "round " << round;
    }
  }
}

TEST_P(StorageTest, QueryRowsShowsEachRowInPlaceAsQueryWouldReadIt) {
  auto session = storage().Open();
  session->Execute(
      "INSERT INTO items (id, name, amount, note) VALUES (?, ?, ?, ?)",
      {std::string("a"), std::string("中国电信广州分公司"), std::int64_t{42}, nullptr});
  session->Execute("INSERT INTO items (id, name, amount, note) VALUES (?, ?, ?, ?)",
                   {std::string("b"), std::string("17"), nullptr, std::string("备注")});
  std::vector<std::string> seen;
  session->QueryRows(
      "SELECT id, name, amount, note FROM items ORDER BY id", {}, [&](const storage::RowView& row) {
        seen.push_back(std::string(row.Text(0)) + "|" + std::string(row.Text(1)) + "|" +
                       std::string(row.Text(2)) + "|" + row.OptionalText(3).value_or("NULL"));
        if (row.Text(0) == "a") {
          EXPECT_EQ(42, row.Int(2));
          EXPECT_TRUE(row.IsNull(3));
        } else {
          EXPECT_EQ(17, row.Int(1));  // text that is a whole number
          EXPECT_TRUE(row.IsNull(2));
          EXPECT_THROW(row.Int(3), StorageError);  // text that is not
        }
        EXPECT_THROW(row.Text(4), StorageError);
      });
  EXPECT_EQ((std::vector<std::string>{"a|中国电信广州分公司|42|NULL", "b|17||备注"}), seen);

  // A reader that throws leaves the session usable, its statement reset for the next call.
  EXPECT_THROW(session->QueryRows("SELECT id FROM items ORDER BY id", {},
                                  [](const storage::RowView&) { throw std::runtime_error("x"); }),
               std::runtime_error);
  int rows = 0;
  session->QueryRows("SELECT id FROM items ORDER BY id", {},
                     [&rows](const storage::RowView&) { ++rows; });
  EXPECT_EQ(2, rows);
}

TEST_P(StorageTest, QueryRowsShowsARealAsRowTextWritesIt) {
  auto session = storage().Open();
  session->Execute("INSERT INTO items (id, name, ratio) VALUES (?, ?, ?)",
                   {std::string("a"), std::string("x"), 2.5});
  std::string text;
  session->QueryRows("SELECT ratio FROM items", {},
                     [&text](const storage::RowView& row) { text = row.Text(0); });
  EXPECT_EQ(session->Query("SELECT ratio FROM items")[0].Text(0), text);
}

// On SQLite the callback runs while the statement is part-way through its rows: a statement
// from inside it would reset, rebind or evict that one. It is refused, and the session goes
// on. Backends that read whole results first (MySQL) have nothing to refuse.
TEST_P(StorageTest, AQueryRowsCallbackCannotRunStatementsOnItsSession) {
  auto session = storage().Open();
  session->Execute("INSERT INTO items (id, name) VALUES (?, ?)",
                   {std::string("a"), std::string("x")});
  auto nested = [&session] {
    session->QueryRows("SELECT id FROM items", {}, [&session](const storage::RowView&) {
      session->Query("SELECT COUNT(*) FROM items");
    });
  };
  if (GetParam() == Backend::kSqlite) {
    EXPECT_THROW(nested(), StorageError);
  } else {
    EXPECT_NO_THROW(nested());
  }
  EXPECT_EQ(1, session->Query("SELECT COUNT(*) FROM items").ScalarInt());
}

TEST_P(StorageTest, CommittedTransactionIsVisibleRolledBackIsNot) {
  {
    auto session = storage().Open();
    storage::Transaction tx(*session);
    session->Execute("INSERT INTO items (id, name) VALUES (?, ?)",
                     {std::string("kept"), std::string("k")});
    tx.Commit();
  }
  {
    auto session = storage().Open();
    storage::Transaction tx(*session);
    session->Execute("INSERT INTO items (id, name) VALUES (?, ?)",
                     {std::string("lost"), std::string("l")});
    session->Rollback();
  }
  EXPECT_EQ(1, Count());
}

TEST_P(StorageTest, ExceptionInsideTransactionLeavesNothingHalfWritten) {
  auto attempt = [&] {
    auto session = storage().Open();
    storage::Transaction tx(*session);
    session->Execute("INSERT INTO items (id, name) VALUES (?, ?)",
                     {std::string("1"), std::string("a")});
    // Same primary key: the second insert fails and the first must vanish with it.
    session->Execute("INSERT INTO items (id, name) VALUES (?, ?)",
                     {std::string("1"), std::string("b")});
    tx.Commit();
  };
  try {
    attempt();
    FAIL() << "duplicate key was accepted";
  } catch (const StorageError& e) {
    EXPECT_EQ(StorageErrorKind::kConstraint, e.kind()) << e.what();
  }
  EXPECT_EQ(0, Count());
}

TEST_P(StorageTest, NotNullViolationIsAConstraintError) {
  auto session = storage().Open();
  try {
    session->Execute("INSERT INTO items (id, name) VALUES (?, ?)", {std::string("n"), nullptr});
    FAIL() << "NULL accepted in a NOT NULL column";
  } catch (const StorageError& e) {
    EXPECT_EQ(StorageErrorKind::kConstraint, e.kind()) << e.what();
  }
}

TEST_P(StorageTest, UpsertInsertsThenUpdatesNonKeyColumns) {
  auto session = storage().Open();
  const std::string sql = session->dialect().Upsert("items", {"id", "name", "amount"}, {"id"});
  session->Execute(sql, {std::string("u"), std::string("first"), std::int64_t{1}});
  session->Execute(sql, {std::string("u"), std::string("second"), std::int64_t{2}});
  const auto rows = session->Query("SELECT name, amount FROM items");
  ASSERT_EQ(1u, rows.size());
  EXPECT_EQ("second", rows[0].Text(0));
  EXPECT_EQ(2, rows[0].Int(1));
}

TEST_P(StorageTest, InsertIgnoreKeepsTheExistingRow) {
  auto session = storage().Open();
  const std::string sql = session->dialect().InsertIgnore("items", {"id", "name"});
  EXPECT_EQ(1, session->Execute(sql, {std::string("i"), std::string("original")}));
  EXPECT_EQ(0, session->Execute(sql, {std::string("i"), std::string("replacement")}));
  EXPECT_EQ("original", session->Query("SELECT name FROM items")[0].Text(0));
}

TEST_P(StorageTest, AutoIncrementIdsAreReturned) {
  auto session = storage().Open();
  session->ExecuteRaw("CREATE TABLE seq (" + session->dialect().AutoIdColumn("seq_id") +
                      ", label VARCHAR(16) NOT NULL)" + session->dialect().TableOptions());
  session->Execute("INSERT INTO seq (label) VALUES (?)", {std::string("a")});
  const std::int64_t first = session->LastInsertId();
  session->Execute("INSERT INTO seq (label) VALUES (?)", {std::string("b")});
  EXPECT_EQ(first + 1, session->LastInsertId());
}

TEST_P(StorageTest, ConcurrentWritersAllCommit) {
  constexpr int kThreads = 6;
  constexpr int kRowsEach = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRowsEach; ++i) {
        try {
          auto session = storage().Open();
          storage::Transaction tx(*session);
          session->Execute(
              "INSERT INTO items (id, name, amount) VALUES (?, ?, ?)",
              {std::to_string(t) + "-" + std::to_string(i), std::string("w"), std::int64_t{i}});
          tx.Commit();
        } catch (const StorageError& e) {
          ADD_FAILURE() << e.what();
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(0, failures.load());
  EXPECT_EQ(kThreads * kRowsEach, Count());
  const auto stats = storage().Stats();
  EXPECT_LE(stats.open, stats.size);
  EXPECT_EQ(0, stats.in_use);
}

TEST_P(StorageTest, ExhaustedPoolTimesOutAsUnavailable) {
  config::StorageSection small = db_->section();
  small.pool_size = 1;
  small.pool_wait_ms = 50;
  auto storage = storage::OpenStorage(small);
  auto held = storage->Open();
  try {
    auto second = storage->Open();
    FAIL() << "a second connection was handed out from a pool of one";
  } catch (const StorageError& e) {
    EXPECT_EQ(StorageErrorKind::kUnavailable, e.kind());
  }
  EXPECT_EQ(1u, storage->Stats().timeouts);
  held.reset();
  EXPECT_NO_THROW(storage->Open());
}

// SQLite's write lock: waiters take turns inside the process (SqliteWriterTurns) but keep
// busy_timeout's meaning, and still get the lock from a writer outside the process.
TEST_P(StorageTest, SqliteWriterWaitsUpToTheBusyTimeoutThenFailsAsBusy) {
  if (GetParam() != Backend::kSqlite) {
    GTEST_SKIP() << "SQLite's write lock";
  }
  config::StorageSection section = db_->section();
  section.sqlite->busy_timeout_ms = 1000;
  auto storage = storage::OpenStorage(section);
  auto holder = storage->Open();
  holder->Begin();
  auto waiter = storage->Open();
  const auto started = std::chrono::steady_clock::now();
  try {
    waiter->Begin();
    FAIL() << "a second writer began while the first held the lock";
  } catch (const StorageError& e) {
    EXPECT_EQ(StorageErrorKind::kBusy, e.kind()) << e.what();
  }
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1000));
  holder->Rollback();
  EXPECT_NO_THROW(waiter->Begin());
  waiter->Rollback();

  // busy_timeout = 0 (the sync purge's "not worth waiting for"): busy at once.
  holder->Begin();
  waiter->SetBusyTimeout(0);
  const auto at_once = std::chrono::steady_clock::now();
  EXPECT_THROW(waiter->Begin(), StorageError);
  EXPECT_LT(std::chrono::steady_clock::now() - at_once, std::chrono::milliseconds(500));
  holder->Rollback();
}

TEST_P(StorageTest, SqliteWritersTakeTurnsWithAWriterInAnotherConnection) {
  if (GetParam() != Backend::kSqlite) {
    GTEST_SKIP() << "SQLite's write lock";
  }
  // A writer this process's turn-taking does not see (as the sqlite3 shell would be): the
  // waiters get the lock once it is released, and the writes of both sides are kept.
  sqlite3* outside = nullptr;
  ASSERT_EQ(SQLITE_OK, sqlite3_open(db_->section().sqlite->path.c_str(), &outside));
  ASSERT_EQ(SQLITE_OK, sqlite3_exec(outside,
                                    "BEGIN IMMEDIATE; INSERT INTO items (id, name) "
                                    "VALUES ('outside', 'o')",
                                    nullptr, nullptr, nullptr));
  std::thread release([outside] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    sqlite3_exec(outside, "COMMIT", nullptr, nullptr, nullptr);
  });
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  const auto started = std::chrono::steady_clock::now();
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      try {
        auto session = storage().Open();
        storage::Transaction tx(*session);
        session->Execute("INSERT INTO items (id, name) VALUES (?, ?)",
                         {"inside-" + std::to_string(t), std::string("i")});
        tx.Commit();
      } catch (const StorageError& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  release.join();
  for (auto& writer : writers) {
    writer.join();
  }
  sqlite3_close(outside);
  EXPECT_EQ(0, failures.load());
  EXPECT_EQ(5, Count());
  // Without the recheck nobody would wake the waiters: they would wait out the busy timeout.
  EXPECT_LT(std::chrono::steady_clock::now() - started,
            std::chrono::milliseconds(db_->section().sqlite->busy_timeout_ms / 2));
}

// About 8 MiB of rows in one transaction: past SQLite's default 1,000-page log limit.
void WriteEightMiB(storage::Session& session, const std::string& prefix) {
  storage::Transaction tx(session);
  for (int i = 0; i < 4000; ++i) {
    session.Execute("INSERT INTO items (id, name, note) VALUES (?, ?, ?)",
                    {prefix + std::to_string(i), std::string("n"), std::string(2000, 'x')});
  }
  tx.Commit();
}

// Whether the file at `path` reaches `bytes` within 20 s (a checkpoint copied the log there).
bool GrowsTo(const std::string& path, std::uintmax_t bytes) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::filesystem::file_size(path) < bytes && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::filesystem::file_size(path) >= bytes;
}

TEST_P(StorageTest, SqliteLogIsCheckpointedByItsOwnThread) {
  if (GetParam() != Backend::kSqlite) {
    GTEST_SKIP() << "SQLite's write-ahead log";
  }
  // Commits leave the log to the checkpointer thread: the database file grows by what was
  // written only when a checkpoint copies it there, while the connections stay open.
  const std::string path = db_->section().sqlite->path;
  const auto before = std::filesystem::file_size(path);
  {
    auto session = storage().Open();
    WriteEightMiB(*session, "big-");
  }
  EXPECT_TRUE(GrowsTo(path, before + 4'000'000)) << "the log was not checkpointed";
}

TEST_P(StorageTest, SqliteLogOfABulkLoadIsCheckpointedWhenTheLoadEnds) {
  if (GetParam() != Backend::kSqlite) {
    GTEST_SKIP() << "SQLite's write-ahead log";
  }
  // A bulk load defers checkpoints past its cache's size; when it ends, its log is copied
  // whole, not left to the next commit or the unasked minute.
  const std::string path = db_->section().sqlite->path;
  const auto before = std::filesystem::file_size(path);
  {
    auto session = storage().Open();
    storage::BulkLoadCache cache(*session, 64);
    WriteEightMiB(*session, "bulk-");  // under the load's limit, over the default
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_LT(std::filesystem::file_size(path), before + 4'000'000)
        << "checkpointed during the load";
  }
  EXPECT_TRUE(GrowsTo(path, before + 4'000'000)) << "the load's log was not checkpointed";
}

TEST(SqliteWriterTurns, AWaiterWakesAtTheReleaseNotAtItsDeadline) {
  storage::SqliteWriterTurns turns;
  const auto started = std::chrono::steady_clock::now();
  std::atomic<bool> woken{false};
  std::thread waiter([&] {
    turns.WaitForRelease(started + std::chrono::seconds(30));
    woken = true;
  });
  while (!woken && std::chrono::steady_clock::now() - started < std::chrono::seconds(20)) {
    turns.Released();  // again and again: the waiter may not be waiting yet
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  waiter.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST_P(StorageTest, AStatementTheDatabaseRefusesLeavesTheTransactionOpen) {
  // What the sync applier relies on to quarantine one change and go on with the batch.
  auto session = storage().Open();
  session->Begin();
  EXPECT_TRUE(session->TransactionStillOpen());
  session->Execute("INSERT INTO items (id, name) VALUES (?, ?)",
                   {std::string("kept"), std::string("n")});
  try {
    session->Execute("INSERT INTO items (id, name) VALUES (?, ?)",
                     {std::string("kept"), std::string("again")});
    ADD_FAILURE() << "a duplicate key was accepted";
  } catch (const StorageError& e) {
    EXPECT_EQ(StorageErrorKind::kConstraint, e.kind());
  }
  EXPECT_TRUE(session->TransactionStillOpen());
  session->Execute("INSERT INTO items (id, name) VALUES (?, ?)",
                   {std::string("after"), std::string("n")});
  session->Commit();
  EXPECT_FALSE(session->TransactionStillOpen());
  const auto rows = session->Query("SELECT id, name FROM items ORDER BY id");
  ASSERT_EQ(2u, rows.size());
  EXPECT_EQ("after", rows[0].Text(0));
  EXPECT_EQ("kept", rows[1].Text(0));
  EXPECT_EQ("n", rows[1].Text(1));
}

TEST_P(StorageTest, UnknownColumnNameIsAUsageError) {
  auto session = storage().Open();
  session->Execute("INSERT INTO items (id, name) VALUES (?, ?)",
                   {std::string("c"), std::string("n")});
  const auto rows = session->Query("SELECT name FROM items");
  EXPECT_THROW(rows[0].Text("nope"), StorageError);
}

TEST_P(StorageTest, BadSqlIsAUsageErrorNotACrash) {
  auto session = storage().Open();
  try {
    session->Query("SELEC nonsense");
    FAIL();
  } catch (const StorageError& e) {
    EXPECT_EQ(StorageErrorKind::kUsage, e.kind());
  }
  // The session stays usable after a failed statement.
  EXPECT_EQ(0, session->Query("SELECT COUNT(*) FROM items").ScalarInt());
}

MAMS_TEST_ON_BOTH_BACKENDS(StorageTest);

}  // namespace
}  // namespace mams
