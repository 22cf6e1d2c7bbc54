// Change capture (docs/sync-protocol.md §3) on both backends through the real API: every
// committed write to a sync table lands in sync_outbox in the same transaction, stamped with
// one hybrid-clock version per transaction; nothing else does.
#include <gtest/gtest.h>

#include "node/storage/storage.h"
#include "sync/sync_service.h"
#include "tests/support/accounts_fixture.h"

namespace mams {
namespace {

using testing::Json;

// A group node with sync links configured (one child that never connects), so that what
// it captures stays in the outbox.
class SyncCaptureTest : public testing::AccountsTest {
 protected:
  void Configure(config::NodeConfig* config) override {
    keys_dir_ = testing::MakeTempDir("mams-sync-keys");
    sync::GenerateKeys(keys_dir_ + "/group");
    config::SyncSection sync;
    sync.bind = "tcp://127.0.0.1:*";
    sync.key_file = keys_dir_ + "/group/node.key";
    sync.children.push_back({"gd-province", "440000", sync::GenerateKeys(keys_dir_ + "/gd")});
    config->sync = sync;
  }
  void TearDown() override {
    runtime_.reset();
    testing::RemoveTree(keys_dir_);
  }
  std::string keys_dir_;
};

struct OutboxRow {
  std::int64_t seq;
  std::string table;
  std::string row_id;
  std::int64_t version;
  std::string version_node;
  std::int64_t base_version;
  std::int64_t deleted;
  std::string source;
  std::string image;
};

std::vector<OutboxRow> Outbox(storage::Storage& storage, const std::string& table = "") {
  auto session = storage.Open();
  const auto rows = session->Query(
      "SELECT seq, table_name, row_id, version, version_node, base_version, deleted, source, image"
      " FROM sync_outbox WHERE table_name = ? OR ? = '' ORDER BY seq",
      {table, table});
  std::vector<OutboxRow> result;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    result.push_back({rows[i].Int(0), rows[i].Text(1), rows[i].Text(2), rows[i].Int(3),
                      rows[i].Text(4), rows[i].Int(5), rows[i].Int(6), rows[i].Text(7),
                      rows[i].Text(8)});
  }
  return result;
}

TEST_P(SyncCaptureTest, EveryCommittedWriteIsInTheOutboxWithItsTransactionsVersion) {
  const std::size_t before = Outbox(runtime_->storage()).size();
  const std::string id = Create(gd_manager_, "广州捕获科技有限公司", "91440300708461136T", "440100");
  const auto all = Outbox(runtime_->storage());
  ASSERT_GT(all.size(), before);
  // The customer row and its history event, one version for the whole transaction.
  const auto customers = Outbox(runtime_->storage(), "customers");
  ASSERT_EQ(1u, customers.size());
  const OutboxRow& created = customers[0];
  EXPECT_EQ(id, created.row_id);
  EXPECT_EQ("test-group", created.version_node);
  EXPECT_EQ(0, created.base_version);
  EXPECT_EQ("local", created.source);
  const auto image = Json(created.image);
  EXPECT_EQ("广州捕获科技有限公司", image->getValue<std::string>("name"));
  EXPECT_EQ("440100", image->getValue<std::string>("org_code"));
  EXPECT_EQ(created.version, image->getValue<std::int64_t>("version"));
  const auto events = Outbox(runtime_->storage(), "customer_events");
  ASSERT_EQ(1u, events.size());
  EXPECT_EQ(created.version, events[0].version);
  // Sequence numbers are consecutive.
  for (std::size_t i = 1; i < all.size(); ++i) {
    EXPECT_EQ(all[i - 1].seq + 1, all[i].seq);
  }
  // The API's version (ETag) is the row's hybrid-clock version.
  const auto got = Call(gd_manager_, "GET", "/api/v1/customers/" + id);
  EXPECT_EQ(created.version, Json(got.body)->getValue<std::int64_t>("version"));

  // An update replaces that version and says so; a delete is a tombstone.
  const std::string etag = "\"" + std::to_string(created.version) + "\"";
  const auto patched = Call(gd_manager_, "PATCH", "/api/v1/customers/" + id,
                            "{\"address\":\"广州市天河区\"}", {{"If-Match", etag}});
  ASSERT_EQ(200, patched.status) << patched.body;
  const auto deleted = Call(gd_manager_, "DELETE", "/api/v1/customers/" + id, "",
                            {{"If-Match", "\"" + std::to_string(Json(patched.body)->getValue<std::int64_t>("version")) + "\""}});
  ASSERT_EQ(200, deleted.status) << deleted.body;
  const auto history = Outbox(runtime_->storage(), "customers");
  ASSERT_EQ(3u, history.size());
  EXPECT_EQ(history[0].version, history[1].base_version);
  EXPECT_GT(history[1].version, history[0].version);
  EXPECT_EQ(history[1].version, history[2].base_version);
  EXPECT_EQ(1, history[2].deleted);
  EXPECT_EQ(0, history[1].deleted);
}

TEST_P(SyncCaptureTest, ARefusedWriteLeavesNothingInTheOutbox) {
  Create(gd_manager_, "广州捕获科技有限公司", "91440300708461136T", "440100");
  const std::size_t before = Outbox(runtime_->storage()).size();
  // Same credit code: refused before anything is written; an illegal state change: refused.
  EXPECT_EQ(409, Call(gd_manager_, "POST", "/api/v1/customers",
                      Body("另一家公司", "91440300708461136T", "440100"))
                     .status);
  EXPECT_EQ(before, Outbox(runtime_->storage()).size());
}

TEST_P(SyncCaptureTest, StorageRefusesSyncWritesThatCaptureWouldMiss) {
  auto session = runtime_->storage().Open();
  const auto expect_usage = [&](const std::string& sql, const storage::SqlParams& params) {
    try {
      session->Execute(sql, params);
      ADD_FAILURE() << "accepted: " << sql;
    } catch (const storage::StorageError& e) {
      EXPECT_EQ(storage::StorageErrorKind::kUsage, e.kind()) << e.what();
    }
  };
  // Outside a transaction there is no version to stamp and no commit to capture at.
  expect_usage("UPDATE customers SET base_version = version, version = ?, version_node = ?,"
               " address = '' WHERE id = 'x'",
               {std::int64_t{1}, std::string("n")});
  storage::Transaction transaction(*session);
  expect_usage("DELETE FROM contacts WHERE id = ?", {std::string("x")});
  expect_usage("UPDATE customers SET address = '' WHERE id = ?", {std::string("x")});
  expect_usage("INSERT INTO visits (id) VALUES (?)", {std::string("x")});
  // Tables outside sync are not affected.
  session->Execute("UPDATE sync_counters SET value = value WHERE name = ?", {std::string("x")});
}

TEST_P(SyncCaptureTest, VersionsKeepRisingAcrossARestart) {
  const std::string id = Create(gd_manager_, "广州捕获科技有限公司", "91440300708461136T", "440100");
  const auto first = Outbox(runtime_->storage(), "customers").back().version;
  runtime_->Stop();
  runtime_ = std::make_unique<app::NodeRuntime>(config_);
  runtime_->Start();
  Create(gd_manager_, "广州第二科技有限公司", "91110108551385082Q", "440100");
  const auto rows = Outbox(runtime_->storage(), "customers");
  ASSERT_EQ(2u, rows.size());
  EXPECT_GT(rows[1].version, first);
  EXPECT_GT(rows[1].seq, rows[0].seq);
  EXPECT_FALSE(id.empty());
}

MAMS_TEST_ON_BOTH_BACKENDS(SyncCaptureTest);

}  // namespace
}  // namespace mams
