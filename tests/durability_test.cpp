// A committed write survives kill -9 of the writing process, on both backends. The child
// reports each id only after Commit() returned; every reported id must be there afterwards.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <set>
#include <string>

#include "node/storage/storage.h"
#include "tests/support/test_backends.h"

namespace mams {
namespace {

using testing::Backend;
using testing::TestDatabase;

constexpr int kAcknowledgedBeforeKill = 200;

[[noreturn]] void RunWriter(const config::StorageSection& section, int report_fd) {
  try {
    auto storage = storage::OpenStorage(section);
    for (int i = 0;; ++i) {
      auto session = storage->Open();
      storage::Transaction tx(*session);
      session->Execute("INSERT INTO acked (id) VALUES (?)", {std::int64_t{i}});
      tx.Commit();
      const std::string line = std::to_string(i) + "\n";
      if (write(report_fd, line.data(), line.size()) < 0) {
        _exit(3);
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "writer failed: %s\n", e.what());
    _exit(2);
  }
}

class DurabilityTest : public ::testing::TestWithParam<Backend> {};

TEST_P(DurabilityTest, CommittedRowsSurviveKillNine) {
  TestDatabase db(GetParam());
  MAMS_REQUIRE_BACKEND(db);
  {
    auto storage = db.Open();
    auto session = storage->Open();
    session->ExecuteRaw("CREATE TABLE acked (id BIGINT NOT NULL PRIMARY KEY)" +
                        storage->dialect().TableOptions());
    if (GetParam() == Backend::kSqlite) {
      EXPECT_EQ(2, session->Query("PRAGMA synchronous").ScalarInt()) << "synchronous=FULL expected";
      EXPECT_EQ("wal", session->Query("PRAGMA journal_mode")[0].Text(0));
    } else {
      EXPECT_EQ(1, session->Query("SELECT @@innodb_flush_log_at_trx_commit").ScalarInt());
    }
  }

  int fds[2];
  ASSERT_EQ(0, pipe(fds));
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    RunWriter(db.section(), fds[1]);
  }
  close(fds[1]);
  std::set<std::int64_t> acknowledged;
  FILE* reports = fdopen(fds[0], "r");
  char line[64];
  while (acknowledged.size() < kAcknowledgedBeforeKill && std::fgets(line, sizeof line, reports)) {
    acknowledged.insert(std::stoll(line));
  }
  kill(child, SIGKILL);
  // Ids reported between our last read and the kill were committed too.
  while (std::fgets(line, sizeof line, reports)) {
    acknowledged.insert(std::stoll(line));
  }
  std::fclose(reports);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer ended on its own with status " << status;
  ASSERT_GE(acknowledged.size(), static_cast<std::size_t>(kAcknowledgedBeforeKill));

  auto storage = db.Open();
  const auto rows = storage->Open()->Query("SELECT id FROM acked");
  std::set<std::int64_t> stored;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    stored.insert(rows[i].Int(0));
  }
  for (const std::int64_t id : acknowledged) {
    ASSERT_TRUE(stored.count(id) == 1) << "committed row " << id << " was lost";
  }
}

MAMS_TEST_ON_BOTH_BACKENDS(DurabilityTest);

}  // namespace
}  // namespace mams
