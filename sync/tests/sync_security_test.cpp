// The parent side of a sync link against a hand-driven child on real ZeroMQ sockets with
// CurveZMQ: an unlisted key is refused, a replayed batch is acknowledged but not applied
// twice, a change for another province's org is quarantined, an unknown protocol version
// is refused, and a paused link takes nothing (docs/sync-protocol.md §6-§8). SQLite; the link code
// is the same on both backends, which sync_links_test covers.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <zmq.hpp>

#include "node/app/node_runtime.h"
#include "node/common/clock.h"
#include "node/common/ids.h"
#include "node/storage/storage.h"
#include "sync/protocol.h"
#include "sync/sync_service.h"
#include "tests/support/accounts_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/node_process.h"

namespace mams {
namespace {

using testing::Json;

/// A child speaking the protocol by hand.
class HandChild {
 public:
  HandChild(zmq::context_t& context, const std::string& endpoint, const std::string& server_key,
            const std::pair<std::string, std::string>& keys, const std::string& node_id)
      : socket_(context, zmq::socket_type::dealer) {
    socket_.set(zmq::sockopt::routing_id, node_id);
    socket_.set(zmq::sockopt::curve_serverkey, server_key);
    socket_.set(zmq::sockopt::curve_secretkey, keys.first);
    socket_.set(zmq::sockopt::curve_publickey, keys.second);
    socket_.set(zmq::sockopt::linger, 0);
    socket_.connect(endpoint);
  }

  void Send(const std::string& type, const std::string& body) {
    socket_.send(zmq::buffer(type), zmq::send_flags::sndmore);
    socket_.send(zmq::buffer(body), zmq::send_flags::none);
  }

  /// The next message as {type, body}, or nothing within `timeout_ms`.
  std::optional<std::pair<std::string, std::string>> Receive(int timeout_ms = 5000) {
    zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, std::chrono::milliseconds(timeout_ms)) == 0) {
      return std::nullopt;
    }
    zmq::message_t type;
    zmq::message_t body;
    (void)socket_.recv(type);
    (void)socket_.recv(body);
    return std::make_pair(type.to_string(), body.to_string());
  }

  /// The next message of `type`, skipping PONGs and the like.
  std::optional<std::string> Expect(const std::string& type, int timeout_ms = 5000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      auto message = Receive(100);
      if (message && message->first == type) {
        return message->second;
      }
    }
    return std::nullopt;
  }

 private:
  zmq::socket_t socket_;
};

class SyncSecurityTest : public testing::AccountsTest {
 protected:
  void Configure(config::NodeConfig* config) override {
    keys_dir_ = testing::MakeTempDir("mams-sync-security");
    group_key_ = sync::GenerateKeys(keys_dir_ + "/group");
    sync::GenerateKeys(keys_dir_ + "/gd");
    sync::GenerateKeys(keys_dir_ + "/intruder");
    child_keys_ = sync::LoadKeys(keys_dir_ + "/gd/node.key");
    config::SyncSection sync;
    endpoint_ = "tcp://127.0.0.1:" + std::to_string(testing::FreePort());
    sync.bind = endpoint_;
    sync.key_file = keys_dir_ + "/group/node.key";
    sync.heartbeat_ms = 200;
    sync.children.push_back({"gd-province", "440000", child_keys_.second});
    config->sync = sync;
  }
  void TearDown() override {
    runtime_.reset();
    testing::RemoveTree(keys_dir_);
  }

  // One customer row image as a province node would send it.
  static std::vector<sync::OutboxEntry> CustomerChange(std::int64_t seq, const std::string& org,
                                                       const std::string& name) {
    const std::string id = NewRowId();
    const std::int64_t version = (std::int64_t{1} << 40) + seq;
    sync::OutboxEntry entry;
    entry.seq = seq;
    entry.change = {"customers",
                    id,
                    org,
                    version,
                    "gd-province",
                    0,
                    false,
                    "{\"id\":\"" + id + "\",\"customer_no\":\"KH-" + id + "\",\"name\":\"" + name +
                        "\",\"credit_code\":null,\"industry\":\"I\",\"level\":\"local\","
                        "\"org_code\":\"" +
                        org +
                        "\",\"state\":\"active\","
                        "\"state_changed_at\":\"2026-12-01T00:00:00Z\",\"value_grade\":\"D\","
                        "\"revenue_12m\":0,\"address\":\"\",\"tags\":\"\","
                        "\"created_at\":\"2026-12-01T00:00:00Z\",\"created_by\":\"gd\","
                        "\"owner_node\":\"gd-province\",\"version\":" +
                        std::to_string(version) +
                        ",\"version_node\":\"gd-province\",\"base_version\":0,"
                        "\"updated_at\":\"2026-12-01T00:00:00Z\",\"deleted\":0,\"name_key\":\"" +
                        name + "\"}"};
    return {entry};
  }

  // The child says HELLO as gd-province from the start and gets WELCOME.
  static bool Greeted(HandChild& child) {
    child.Send(sync::kHello, sync::EncodeHello({sync::kProtocolVersion, "gd-province", "440000", 0,
                                                std::nullopt}));
    return child.Expect(sync::kWelcome).has_value();
  }

  std::int64_t Count(const std::string& sql, const storage::SqlParams& params = {}) {
    return runtime_->storage().Open()->Query(sql, params).ScalarInt();
  }

  std::int64_t CustomersNamed(const std::string& name) {
    return Count("SELECT COUNT(*) FROM customers WHERE name = ?", {name});
  }

  std::string keys_dir_;
  std::string group_key_;
  std::pair<std::string, std::string> child_keys_;
  std::string endpoint_;
  zmq::context_t context_;
};

TEST_P(SyncSecurityTest, AListedChildIsServedAndItsBatchesApplyOnce) {
  HandChild child(context_, endpoint_, group_key_, child_keys_, "gd-province");
  child.Send(sync::kHello,
             sync::EncodeHello({sync::kProtocolVersion, "gd-province", "440000", 0, std::nullopt}));
  ASSERT_TRUE(child.Expect(sync::kWelcome)) << "no WELCOME";
  const auto batch = sync::EncodeBatch(0, 1, CustomerChange(1, "440100", "广州手工客户"));
  child.Send(sync::kBatch, batch);
  const auto ack = child.Expect(sync::kAck);
  ASSERT_TRUE(ack);
  EXPECT_EQ(1, sync::DecodeAck(*ack).cursor);
  EXPECT_EQ(1, CustomersNamed("广州手工客户"));
  // The same batch again (a replay): acknowledged, not applied again.
  child.Send(sync::kBatch, batch);
  const auto again = child.Expect(sync::kAck);
  ASSERT_TRUE(again);
  EXPECT_EQ(1, sync::DecodeAck(*again).cursor);
  EXPECT_EQ(1, CustomersNamed("广州手工客户"));
  // A batch that skips ahead is a gap: refused, and the cursor says where to resume.
  child.Send(sync::kBatch, sync::EncodeBatch(5, 6, CustomerChange(6, "440100", "跳号客户")));
  const auto gap = child.Expect(sync::kAck);
  ASSERT_TRUE(gap);
  EXPECT_TRUE(sync::DecodeAck(*gap).gap);
  EXPECT_EQ(0, CustomersNamed("跳号客户"));
}

TEST_P(SyncSecurityTest, AnotherProvincesRowIsQuarantinedNotApplied) {
  HandChild child(context_, endpoint_, group_key_, child_keys_, "gd-province");
  ASSERT_TRUE(Greeted(child));
  auto entries = CustomerChange(1, "110000", "北京越界客户");  // 北京: not Guangdong's subtree
  auto ok = CustomerChange(2, "440300", "深圳正常客户");
  entries.push_back(ok[0]);
  child.Send(sync::kBatch, sync::EncodeBatch(0, 2, entries));
  ASSERT_TRUE(child.Expect(sync::kAck));
  EXPECT_EQ(0, CustomersNamed("北京越界客户"));
  EXPECT_EQ(1, CustomersNamed("深圳正常客户"));
  auto session = runtime_->storage().Open();
  const auto quarantined = session->Query("SELECT peer, org_code, reason FROM sync_quarantine");
  ASSERT_EQ(1u, quarantined.size());
  EXPECT_EQ("gd-province", quarantined[0].Text(0));
  EXPECT_EQ("110000", quarantined[0].Text(1));
  EXPECT_NE(std::string::npos, quarantined[0].Text(2).find("outside the subtree"));
  EXPECT_EQ(1, Count("SELECT COUNT(*) FROM audit_log WHERE action = 'sync.quarantined' AND "
                     "entity_id = 'gd-province' AND outcome = 'denied'"));
  // Reference data never comes up from a child.
  auto rule = CustomerChange(3, "440000", "x");
  rule[0].change.table = "grading_rules";
  child.Send(sync::kBatch, sync::EncodeBatch(2, 3, rule));
  ASSERT_TRUE(child.Expect(sync::kAck));
  EXPECT_EQ(2, Count("SELECT COUNT(*) FROM sync_quarantine"));
}

TEST_P(SyncSecurityTest, ARowTheDatabaseRefusesIsQuarantinedAndTheRestOfTheBatchApplies) {
  HandChild child(context_, endpoint_, group_key_, child_keys_, "gd-province");
  ASSERT_TRUE(Greeted(child));
  auto entries = CustomerChange(1, "440100", "广州在前客户");
  auto duplicate = CustomerChange(2, "440100", "广州重号客户");
  auto after = CustomerChange(3, "440300", "深圳在后客户");
  // The second takes the first's customer number: the database refuses it (unique).
  std::string& image = duplicate[0].change.image;
  const std::string own_number = "\"customer_no\":\"KH-" + duplicate[0].change.row_id + "\"";
  image.replace(image.find(own_number), own_number.size(),
                "\"customer_no\":\"KH-" + entries[0].change.row_id + "\"");
  entries.push_back(duplicate[0]);
  entries.push_back(after[0]);
  child.Send(sync::kBatch, sync::EncodeBatch(0, 3, entries));
  const auto ack = child.Expect(sync::kAck);
  ASSERT_TRUE(ack);
  EXPECT_EQ(3, sync::DecodeAck(*ack).cursor);
  EXPECT_EQ(1, CustomersNamed("广州在前客户"));
  EXPECT_EQ(1, CustomersNamed("深圳在后客户"));
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM customers WHERE id = ?", {duplicate[0].change.row_id}));
  auto session = runtime_->storage().Open();
  const auto quarantined = session->Query("SELECT row_id, reason, image FROM sync_quarantine");
  ASSERT_EQ(1u, quarantined.size());
  EXPECT_EQ(duplicate[0].change.row_id, quarantined[0].Text(0));
  EXPECT_FALSE(quarantined[0].Text(1).empty());
  EXPECT_EQ(image, quarantined[0].Text(2)) << "the refused change is kept as it came";
}

TEST_P(SyncSecurityTest, ABatchThatChangesOneRowTwiceEndsWithTheLaterChange) {
  HandChild child(context_, endpoint_, group_key_, child_keys_, "gd-province");
  ASSERT_TRUE(Greeted(child));
  auto entries = CustomerChange(1, "440100", "广州两版客户");
  auto later = CustomerChange(2, "440100", "广州两版客户改名");
  // The same row, edited on top of the first version: the applier must see its own write.
  sync::Change& edit = later[0].change;
  const std::string first_id = entries[0].change.row_id;
  for (std::size_t at; (at = edit.image.find(edit.row_id)) != std::string::npos;) {
    edit.image.replace(at, edit.row_id.size(), first_id);
  }
  const std::string base = "\"base_version\":0";
  edit.image.replace(edit.image.find(base), base.size(),
                     "\"base_version\":" + std::to_string(entries[0].change.version));
  edit.row_id = first_id;
  edit.base_version = entries[0].change.version;
  entries.push_back(later[0]);
  child.Send(sync::kBatch, sync::EncodeBatch(0, 2, entries));
  ASSERT_TRUE(child.Expect(sync::kAck));
  auto session = runtime_->storage().Open();
  const auto stored =
      session->Query("SELECT name, version FROM customers WHERE id = ?", {first_id});
  ASSERT_EQ(1u, stored.size());
  EXPECT_EQ("广州两版客户改名", stored[0].Text(0));
  EXPECT_EQ(edit.version, stored[0].Int(1));
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM sync_quarantine"));
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM sync_conflicts"));
}

TEST_P(SyncSecurityTest, AnUnlistedKeyGetsNoAnswerAndAWrongProtocolIsRefused) {
  HandChild intruder(context_, endpoint_, group_key_,
                     sync::LoadKeys(keys_dir_ + "/intruder/node.key"), "gd-province");
  intruder.Send(sync::kHello, sync::EncodeHello({sync::kProtocolVersion, "gd-province", "440000", 0,
                                                 std::nullopt}));
  EXPECT_FALSE(intruder.Receive(1500)) << "a child with an unlisted key was answered";
  EXPECT_EQ(1, Count("SELECT COUNT(*) FROM audit_log WHERE action = 'sync.refused_key'"));

  HandChild child(context_, endpoint_, group_key_, child_keys_, "gd-province");
  child.Send(sync::kHello,
             "{\"protocol\":2,\"node\":\"gd-province\",\"org\":\"440000\",\"cursor\":0}");
  const auto error = child.Expect(sync::kError);
  ASSERT_TRUE(error);
  EXPECT_NE(std::string::npos, error->find("protocol_version"));
  // ... and says so in its status (the link's error, the node's sync problem).
  const auto monitor = testing::AddTestUser(runtime_->storage(), "monitor-admin", "CN",
                                            {"system_admin"}, SystemClock().NowMs());
  std::string status;
  for (int attempt = 0; attempt < 40; ++attempt) {
    status = Call(monitor, "GET", "/api/v1/system/status").body;
    if (status.find("protocol_version") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(
      std::string::npos,
      Json(status)->getObject("sync")->getValue<std::string>("problem").find("protocol_version"))
      << status;
  // Claiming another node's id with this key is refused too.
  child.Send(sync::kHello,
             sync::EncodeHello({sync::kProtocolVersion, "sz-local", "440300", 0, std::nullopt}));
  const auto wrong = child.Expect(sync::kError);
  ASSERT_TRUE(wrong);
  EXPECT_NE(std::string::npos, wrong->find("wrong_node"));
}

TEST_P(SyncSecurityTest, AChildThatItsParentDoesNotListSaysWhatToCheck) {
  // A local network whose config names this node as parent, but whose key the parent does
  // not list: refused without a word, so the child's status explains the silence.
  const testing::TestDatabase db(GetParam());
  config::NodeConfig config = testing::GroupNodeConfig("gz-stranger", db.section());
  config.node.level = config::Level::kLocal;
  config.node.org = "440100";
  config.node.parent = endpoint_;
  config::SyncSection sync;
  sync.key_file = keys_dir_ + "/intruder/node.key";
  sync.parent_public_key = group_key_;
  sync.heartbeat_ms = 200;
  config.sync = sync;
  app::NodeRuntime stranger(config);
  stranger.Start();
  const auto admin = testing::AddTestUser(stranger.storage(), "stranger-admin", "440100",
                                          {"system_admin"}, SystemClock().NowMs());
  std::string problem;
  for (int attempt = 0; attempt < 60 && problem.empty(); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto status = testing::HttpCall(stranger.http_port(), "GET", "/api/v1/system/status", "",
                                          testing::BearerHeader(admin));
    problem = Json(status.body)->getObject("sync")->getValue<std::string>("problem");
  }
  EXPECT_NE(std::string::npos, problem.find("no answer from the parent at " + endpoint_))
      << problem;
  EXPECT_NE(std::string::npos, problem.find("does not list node gz-stranger")) << problem;
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'sync.refused_key'"), 1);
  stranger.Stop();
}

TEST_P(SyncSecurityTest, APausedLinkTakesNothingUntilResumedAndBothAreAudited) {
  const auto admin = testing::AddTestUser(runtime_->storage(), "sync-admin", "CN", {"system_admin"},
                                          SystemClock().NowMs());
  EXPECT_EQ(404, Call(admin, "POST", "/api/v1/sync/links/nobody/pause").status);
  EXPECT_EQ(403, Call(gd_manager_, "POST", "/api/v1/sync/links/gd-province/pause").status);
  const auto paused = Call(admin, "POST", "/api/v1/sync/links/gd-province/pause");
  ASSERT_EQ(200, paused.status) << paused.body;
  EXPECT_TRUE(Json(paused.body)->getValue<bool>("paused"));
  EXPECT_EQ(1, Count("SELECT COUNT(*) FROM audit_log WHERE action = 'sync.pause' AND "
                     "entity_id = 'gd-province' AND username = 'sync-admin'"));

  HandChild child(context_, endpoint_, group_key_, child_keys_, "gd-province");
  ASSERT_TRUE(Greeted(child));
  const auto batch = sync::EncodeBatch(0, 1, CustomerChange(1, "440100", "暂停期间客户"));
  child.Send(sync::kBatch, batch);
  EXPECT_FALSE(child.Expect(sync::kAck, 1000)) << "a paused link acknowledged a batch";
  EXPECT_EQ(0, CustomersNamed("暂停期间客户"));

  ASSERT_EQ(200, Call(admin, "POST", "/api/v1/sync/links/gd-province/resume").status);
  EXPECT_EQ(1, Count("SELECT COUNT(*) FROM audit_log WHERE action = 'sync.resume'"));
  child.Send(sync::kBatch, batch);  // what a real child's resend timer does
  ASSERT_TRUE(child.Expect(sync::kAck));
  EXPECT_EQ(1, CustomersNamed("暂停期间客户"));
}

TEST_P(SyncSecurityTest, ALoadResumesAfterTheLastCommittedPageAcrossARestart) {
  auto page = [](std::int64_t number, const std::string& name, bool last = false) {
    sync::SnapshotMessage message;
    message.load = "load-1";
    message.page = number;
    message.cursor = 40;
    message.last = last;
    if (!last) {
      message.table = "customers";
      message.rows.push_back(CustomerChange(number, "440100", name).front().change);
    }
    return sync::EncodeSnapshot(message);
  };
  auto ack_of = [](const std::optional<std::string>& body) {
    return body ? sync::DecodeSnapshotAck(*body) : sync::SnapshotAck{};
  };
  {
    HandChild child(context_, endpoint_, group_key_, child_keys_, "gd-province");
    child.Send(sync::kHello, sync::EncodeHello({sync::kProtocolVersion, "gd-province", "440000", 0,
                                                std::nullopt}));
    ASSERT_TRUE(child.Expect(sync::kWelcome));
    child.Send(sync::kSnapshot, page(1, "重载一号"));
    EXPECT_EQ(1, ack_of(child.Expect(sync::kSnapshotAck)).at.page);
    child.Send(sync::kSnapshot, page(2, "重载二号"));
    EXPECT_EQ(2, ack_of(child.Expect(sync::kSnapshotAck)).at.page);
  }
  // The group restarts in the middle of the load; its WELCOME says where the load stands.
  runtime_.reset();
  runtime_ = std::make_unique<app::NodeRuntime>(config_);
  runtime_->Start();
  HandChild child(context_, endpoint_, group_key_, child_keys_, "gd-province");
  child.Send(sync::kHello,
             sync::EncodeHello({sync::kProtocolVersion, "gd-province", "440000", 0, std::nullopt}));
  const auto welcome = child.Expect(sync::kWelcome);
  ASSERT_TRUE(welcome);
  const auto greeting = sync::DecodeHello(*welcome);
  ASSERT_TRUE(greeting.load) << *welcome;
  EXPECT_EQ("load-1", greeting.load->load);
  EXPECT_EQ(2, greeting.load->page);
  EXPECT_EQ("customers", greeting.load->table);
  EXPECT_EQ(40, greeting.cursor) << "the first page moved the up cursor to the load's";
  // Page 4 before 3 is a gap; page 2 again is said again without a gap; 3 goes on.
  child.Send(sync::kSnapshot, page(4, "重载四号"));
  const auto gap = ack_of(child.Expect(sync::kSnapshotAck));
  EXPECT_TRUE(gap.gap);
  EXPECT_EQ(2, gap.at.page);
  child.Send(sync::kSnapshot, page(2, "重载二号"));
  const auto again = ack_of(child.Expect(sync::kSnapshotAck));
  EXPECT_FALSE(again.gap);
  EXPECT_EQ(2, again.at.page);
  child.Send(sync::kSnapshot, page(3, "重载三号"));
  EXPECT_EQ(3, ack_of(child.Expect(sync::kSnapshotAck)).at.page);
  child.Send(sync::kSnapshot, page(4, "", true));
  EXPECT_TRUE(ack_of(child.Expect(sync::kSnapshotAck)).done);
  EXPECT_EQ(3, Count("SELECT COUNT(*) FROM customers WHERE name LIKE ?", {std::string("重载%")}));
  EXPECT_EQ(0, CustomersNamed("重载四号"));
  // Done: the next greeting asks for nothing, and the closing page again is acknowledged.
  child.Send(sync::kHello, sync::EncodeHello({sync::kProtocolVersion, "gd-province", "440000", 40,
                                              std::nullopt}));
  const auto after = child.Expect(sync::kWelcome);
  ASSERT_TRUE(after);
  EXPECT_FALSE(sync::DecodeHello(*after).load) << *after;
  child.Send(sync::kSnapshot, page(4, "", true));
  EXPECT_TRUE(ack_of(child.Expect(sync::kSnapshotAck)).done);
}

INSTANTIATE_TEST_SUITE_P(Backends, SyncSecurityTest, ::testing::Values(testing::Backend::kSqlite),
                         testing::BackendParamName);

}  // namespace
}  // namespace mams
