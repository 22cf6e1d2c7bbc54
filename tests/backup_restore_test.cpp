// Backup and restore with the real binary on each backend, in a chain group ← province ←
// local network. The local network writes customers continuously while `mams-node --backup`
// runs; the backup is one consistent moment (every customer with its creation event, the
// audit chain intact). Then a node loses its database and `--restore` brings it back: what
// it held after the backup comes back through the sync layer (a local network's from its
// parent; a province's from its parent and its child), and changes made after the restore
// go on up (none is skipped as a replay). Corrupted, foreign and misplaced restores are
// refused with nothing changed.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>

#include "node/audit/audit_log.h"
#include "node/common/clock.h"
#include "node/storage/storage.h"
#include "tests/support/cluster_node.h"
#include "tests/support/test_users.h"

namespace mams {
namespace {

using testing::ClusterNode;

constexpr char kCustomerColumns[] = "id, customer_no, name, credit_code, version, deleted";

class BackupRestoreTest : public testing::ChainTest {
 protected:
  BackupRestoreTest() : ChainTest("backup", "account_manager") {}

  /// Creates customer n at the local network; its id, or "" when not acknowledged.
  std::string CreateCustomer(int n) {
    return testing::PostLocalCustomer(local_.http_port, writer_, "备份测试客户", n);
  }

  /// Waits until the province and the group hold exactly the local network's customers.
  void ExpectConverged(const char* when) {
    std::vector<std::string> at_local, at_province, at_group;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    do {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      at_local = local_.Rows("customers", kCustomerColumns, "440100");
      at_province = province_.Rows("customers", kCustomerColumns, "440100");
      at_group = group_.Rows("customers", kCustomerColumns, "440100");
    } while ((at_local != at_group || at_local != at_province) &&
             std::chrono::steady_clock::now() < deadline);
    EXPECT_EQ(at_local, at_province) << when;
    EXPECT_EQ(at_local, at_group) << when;
  }

  static std::int64_t TableCount(const ClusterNode& node) {
    auto storage = node.db->Open();
    const bool mysql = node.db->section().mysql.has_value();
    return storage->Open()
        ->Query(mysql ? "SELECT COUNT(*) FROM information_schema.tables "
                        "WHERE table_schema = DATABASE()"
                      : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")[0]
        .Int(0);
  }
};

TEST_P(BackupRestoreTest, OnlineBackupRestoresAConsistentNodeThatResyncs) {
  std::atomic<bool> stop{false};
  std::atomic<int> next{0};
  std::mutex ids_mutex;
  std::vector<std::string> acknowledged;
  std::thread writer([&] {
    while (!stop.load()) {
      const std::string id = CreateCustomer(next++);
      if (!id.empty()) {
        std::lock_guard<std::mutex> lock(ids_mutex);
        acknowledged.push_back(id);
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const std::string backup_dir = root_ + "/backup";
  std::size_t written_at_backup = 0;  // acknowledged before the backup began
  {
    std::lock_guard<std::mutex> lock(ids_mutex);
    written_at_backup = acknowledged.size();
  }
  const auto backup = local_.RunCommand({"--backup", backup_dir});
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  stop = true;
  writer.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_NE(backup.output.find("backup of backup-gz"), std::string::npos) << backup.output;
  ASSERT_GT(written_at_backup, 10u) << "too few writes before the backup to mean anything";
  ASSERT_GT(acknowledged.size(), written_at_backup + 10) << "too few writes after the backup";
  ExpectConverged("before the loss");
  const auto before_loss = local_.Rows("customers", kCustomerColumns, "440100");

  // A second backup never goes over the first.
  const auto again = local_.RunCommand({"--backup", backup_dir});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.output.find("is not empty"), std::string::npos) << again.output;

  // The local network loses its database; a new one is restored from the backup.
  local_.process->Kill();
  local_.db = std::make_unique<testing::TestDatabase>(GetParam());
  local_.WriteConfig(&province_, {});
  const auto restore = local_.RunCommand({"--restore", backup_dir});
  ASSERT_EQ(restore.exit_code, 0) << restore.output;

  // The restored database is one moment: a subset of what was written, each customer with
  // its creation event, the operation log's chain intact.
  const auto restored = local_.Rows("customers", kCustomerColumns, "440100");
  EXPECT_GE(restored.size(), written_at_backup);
  EXPECT_LT(restored.size(), before_loss.size());
  for (const auto& row : restored) {
    EXPECT_TRUE(std::binary_search(before_loss.begin(), before_loss.end(), row)) << row;
  }
  {
    auto storage = local_.db->Open();
    auto session = storage->Open();
    const auto without_event = session->Query(
        "SELECT COUNT(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM customer_events e "
        "WHERE e.customer_id = c.id)");
    EXPECT_EQ(without_event[0].Int(0), 0);
    const auto events = session->Query("SELECT COUNT(DISTINCT customer_id) FROM customer_events");
    EXPECT_EQ(events[0].Int(0), static_cast<std::int64_t>(restored.size()));
    const auto verification = audit::AuditLog(SystemClock(), local_.id).Verify(*storage);
    EXPECT_TRUE(verification.intact) << verification.reason;
  }

  // Started, it gets back from the group what it wrote after the backup, and what it writes
  // now reaches the group.
  local_.Start();
  ASSERT_TRUE(local_.Healthy()) << local_.process->Log();
  ExpectConverged("after the restore");
  EXPECT_EQ(local_.Rows("customers", kCustomerColumns, "440100"), before_loss);
  for (int n = 0; n < 20; ++n) {
    ASSERT_FALSE(CreateCustomer(100000 + n).empty());
  }
  ExpectConverged("after writes at the restored node");
  EXPECT_EQ(group_.Rows("customers", kCustomerColumns, "440100").size(), before_loss.size() + 20);
}

TEST_P(BackupRestoreTest, ARestoredProvinceGetsItsRowsBackFromItsParentAndItsChild) {
  for (int n = 0; n < 30; ++n) {
    ASSERT_FALSE(CreateCustomer(n).empty());
  }
  ExpectConverged("before the backup");
  const std::string backup_dir = root_ + "/province-backup";
  const auto backup = province_.RunCommand({"--backup", backup_dir});
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  for (int n = 30; n < 60; ++n) {  // after the backup: the province will lose these
    ASSERT_FALSE(CreateCustomer(n).empty());
  }
  ExpectConverged("before the loss");
  const auto before_loss = province_.Rows("customers", kCustomerColumns, "440100");
  ASSERT_EQ(before_loss.size(), 60u);

  province_.process->Kill();
  province_.db = std::make_unique<testing::TestDatabase>(GetParam());
  province_.WriteConfig(&group_, {&local_});
  const auto restore = province_.RunCommand({"--restore", backup_dir});
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  EXPECT_EQ(province_.Rows("customers", kCustomerColumns, "440100").size(), 30u);
  province_.Start();
  ASSERT_TRUE(province_.Healthy()) << province_.process->Log();
  // The 30 it lost come back (its child and its parent both hold them), and what the local
  // network writes now passes through it to the group.
  ExpectConverged("after the restore");
  EXPECT_EQ(province_.Rows("customers", kCustomerColumns, "440100"), before_loss);
  for (int n = 100000; n < 100020; ++n) {
    ASSERT_FALSE(CreateCustomer(n).empty());
  }
  ExpectConverged("after writes below the restored province");
  EXPECT_EQ(group_.Rows("customers", kCustomerColumns, "440100").size(), 80u);
  EXPECT_EQ(0, group_.db->Open()->Open()->Query("SELECT COUNT(*) FROM sync_conflicts")[0].Int(0))
      << "restoring is no conflict";
}

TEST_P(BackupRestoreTest, CorruptedForeignAndMisplacedRestoresAreRefused) {
  for (int n = 0; n < 5; ++n) {
    ASSERT_FALSE(CreateCustomer(n).empty());
  }
  const std::string backup_dir = root_ + "/backup";
  ASSERT_EQ(local_.RunCommand({"--backup", backup_dir}).exit_code, 0);
  local_.process->Terminate();
  const auto live_rows = local_.Rows("customers", kCustomerColumns, "440100");

  // Into the node's own, non-empty database: refused, nothing changed.
  const auto over_live = local_.RunCommand({"--restore", backup_dir});
  EXPECT_NE(over_live.exit_code, 0);
  EXPECT_NE(over_live.output.find("already holds"), std::string::npos) << over_live.output;
  EXPECT_EQ(local_.Rows("customers", kCustomerColumns, "440100"), live_rows);

  // Another node's backup: refused.
  local_.db = std::make_unique<testing::TestDatabase>(GetParam());
  local_.WriteConfig(&province_, {});
  ClusterNode stranger = ClusterNode::Make(root_, "backup-sz", "local", "440300", GetParam());
  stranger.db = std::move(local_.db);
  stranger.WriteConfig(&province_, {});
  const auto foreign = stranger.RunCommand({"--restore", backup_dir});
  EXPECT_NE(foreign.exit_code, 0);
  EXPECT_NE(foreign.output.find("is a backup of node backup-gz"), std::string::npos)
      << foreign.output;
  local_.db = std::move(stranger.db);

  // A flipped byte: refused by the checksum before anything is written.
  const auto manifest = testing::ReadFile(backup_dir + "/manifest.json");
  const std::string data_file =
      backup_dir + "/" + (GetParam() == testing::Backend::kMysql ? "mams.sql" : "mams.db");
  {
    std::fstream file(data_file, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(200);
    file.put('\x5a');
  }
  const auto corrupted = local_.RunCommand({"--restore", backup_dir});
  EXPECT_NE(corrupted.exit_code, 0);
  EXPECT_NE(corrupted.output.find("is corrupted"), std::string::npos) << corrupted.output;
  EXPECT_EQ(TableCount(local_), 0);

  // Not a backup at all.
  const auto nowhere = local_.RunCommand({"--restore", root_ + "/no-such-backup"});
  EXPECT_NE(nowhere.exit_code, 0);
  EXPECT_NE(nowhere.output.find("is not a MAMS backup"), std::string::npos) << nowhere.output;
  EXPECT_FALSE(manifest.empty());
}

MAMS_TEST_ON_BOTH_BACKENDS(BackupRestoreTest);

}  // namespace
}  // namespace mams
