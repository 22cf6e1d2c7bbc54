// Scale-out at one level with the real binary: two mams-node processes of one local network
// share a MariaDB database and both take writes; exactly one runs the sync links (the
// holder of the database lock). The leader is killed with SIGKILL during writes; the other
// process takes the links over within seconds, and afterwards the group holds exactly the
// local network's rows: nothing lost, nothing duplicated. On SQLite a second process of
// the same database is refused.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "node/app/module_list.h"
#include "node/app/node_runtime.h"
#include "node/common/clock.h"
#include "sync/sync_service.h"
#include "tests/support/cluster_node.h"
#include "tests/support/credit_codes.h"
#include "tests/support/http_client.h"
#include "tests/support/test_users.h"

namespace mams {
namespace {

using testing::ClusterNode;

constexpr char kCustomerColumns[] = "id, customer_no, name, address, version, deleted";

/// A second process of `node`: same config and database, its own HTTP port and folder.
struct TwinProcess {
  std::string dir;
  std::uint16_t http_port = 0;
  std::unique_ptr<testing::NodeProcess> process;
  int starts = 0;

  void Start(const ClusterNode& node) {
    process = std::make_unique<testing::NodeProcess>(
        std::vector<std::string>{"--config", dir + "/node.yaml"},
        dir + "/run" + std::to_string(++starts) + ".log", node.Env());
  }
};

/// 1 when the process at `port` says it runs the sync links, 0 when not, -1 when it does not
/// answer.
int LeaderGauge(std::uint16_t port) {
  try {
    const auto result = testing::HttpCall(port, "GET", "/metrics", "", {});
    const auto at = result.body.find("\nmams_sync_leader ");
    if (result.status != 200 || at == std::string::npos) {
      return -1;
    }
    return result.body[at + 18] == '1' ? 1 : 0;
  } catch (const std::exception&) {
    return -1;
  }
}

TEST(LeaderFailoverTest, AnotherProcessTakesTheLinksOverWithNothingLostOrDuplicated) {
  const testing::TestDatabase probe(testing::Backend::kMysql);
  MAMS_REQUIRE_BACKEND(probe);
  const std::string root = testing::MakeTempDir("mams-leader");
  ClusterNode group =
      ClusterNode::Make(root, "leader-group", "group", "CN", testing::Backend::kSqlite);
  ClusterNode local =
      ClusterNode::Make(root, "leader-gz", "local", "440100", testing::Backend::kMysql);
  group.WriteConfig(nullptr, {&local});
  local.WriteConfig(&group, {});
  TwinProcess twin;
  twin.dir = root + "/leader-gz-twin";
  twin.http_port = testing::FreePort();
  std::string twin_config = local.Config(&group, {});
  const std::string port_text = "port: " + std::to_string(local.http_port);
  twin_config.replace(twin_config.find(port_text), port_text.size(),
                      "port: " + std::to_string(twin.http_port));
  std::filesystem::create_directories(twin.dir + "/keys");
  testing::WriteFile(twin.dir + "/node.yaml", twin_config);
  // The key file is relative to the config's folder.
  testing::WriteFile(twin.dir + "/keys/node.key", testing::ReadFile(local.dir + "/keys/node.key"));

  group.Start();
  ASSERT_TRUE(group.Healthy()) << group.process->Log();
  local.Start();
  ASSERT_TRUE(local.Healthy()) << local.process->Log();
  local.process->Terminate();
  const auto writer = testing::AddTestUser(*local.db->Open(), "writer", "440100",
                                           {"account_manager"}, SystemClock().NowMs());
  local.Start();
  ASSERT_TRUE(local.Healthy()) << local.process->Log();
  twin.Start(local);
  ASSERT_TRUE(twin.process->WaitHealthy(twin.http_port, 30)) << twin.process->Log();

  // Exactly one leader, and it is the process that started first.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (LeaderGauge(local.http_port) != 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(LeaderGauge(local.http_port), 1);
  ASSERT_EQ(LeaderGauge(twin.http_port), 0);

  // Writers at both processes, as a load balancer would spread them.
  std::atomic<bool> stop{false};
  std::atomic<bool> both_led{false};
  std::mutex ids_mutex;
  std::vector<std::string> acknowledged;
  std::atomic<int> next{0};
  const auto write_at = [&](std::uint16_t port) {
    while (!stop.load()) {
      const int n = next++;
      try {
        const std::string id = testing::PostLocalCustomer(port, writer, "扩容测试客户", n);
        if (!id.empty()) {
          std::lock_guard<std::mutex> lock(ids_mutex);
          acknowledged.push_back(id);
        }
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // that process is down
      }
    }
  };
  std::thread writer_a(write_at, local.http_port);
  std::thread writer_b(write_at, twin.http_port);
  std::thread watcher([&] {
    while (!stop.load()) {
      if (LeaderGauge(local.http_port) == 1 && LeaderGauge(twin.http_port) == 1) {
        both_led = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });

  std::this_thread::sleep_for(std::chrono::seconds(2));
  local.process->Kill();
  const auto killed_at = std::chrono::steady_clock::now();
  while (LeaderGauge(twin.http_port) != 1 &&
         std::chrono::steady_clock::now() - killed_at < std::chrono::seconds(15)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const double takeover_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - killed_at).count();
  ASSERT_EQ(LeaderGauge(twin.http_port), 1) << "no takeover within 15 s";
  EXPECT_LT(takeover_s, 5.0);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  local.Start();  // back as a follower
  ASSERT_TRUE(local.Healthy()) << local.process->Log();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(LeaderGauge(local.http_port), 0);
  stop = true;
  writer_a.join();
  writer_b.join();
  watcher.join();
  EXPECT_FALSE(both_led.load()) << "two processes ran the links at once";
  ASSERT_GT(acknowledged.size(), 50u) << "too few writes to mean anything";
  std::cout << "[ failover ] " << acknowledged.size() << " customers acknowledged by two "
            << "processes; the links moved in " << takeover_s << " s\n";

  std::vector<std::string> at_local, at_group;
  const auto converge_by = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    at_local = local.Rows("customers", kCustomerColumns, "440100");
    at_group = group.Rows("customers", kCustomerColumns, "440100");
  } while (at_local != at_group && std::chrono::steady_clock::now() < converge_by);
  EXPECT_EQ(at_local, at_group);
  EXPECT_GE(at_group.size(), acknowledged.size());
  for (const auto& id : acknowledged) {
    EXPECT_TRUE(std::any_of(at_group.begin(), at_group.end(),
                            [&](const std::string& row) { return row.rfind(id + "|", 0) == 0; }))
        << "acknowledged customer " << id << " is missing at the group";
  }
  const std::string event_columns = "id, customer_id, action, changes, version";
  EXPECT_EQ(local.Rows("customer_events", event_columns, "440100"),
            group.Rows("customer_events", event_columns, "440100"));
  twin.process.reset();
  local.process.reset();
  group.process.reset();
  if (!HasFailure()) {
    testing::RemoveTree(root);
  }
}

TEST(LeaderFailoverTest, VersionsFollowCommitOrderAcrossProcessesWithSkewedClocks) {
  // Two processes of one node on one database; the first one's clock runs an hour ahead.
  // An edit made through the second after a write through the first must still get the
  // higher version, or the node's parent would keep the older content (last writer wins).
  const testing::TestDatabase db(testing::Backend::kMysql);
  MAMS_REQUIRE_BACKEND(db);
  const std::string keys = testing::MakeTempDir("mams-order-keys");
  sync::GenerateKeys(keys + "/node");
  const auto with_sync = [&](config::NodeConfig config) {
    config::SyncSection sync;
    sync.key_file = keys + "/node/node.key";
    config.sync = sync;
    return config;
  };
  auto ahead = std::make_shared<ManualClock>(SystemClock().NowMs() + 3600 * 1000);
  app::NodeRuntime first(with_sync(testing::GroupNodeConfig("order-group", db.section())),
                         app::AllModules(), ahead);
  first.Start();
  app::NodeRuntime second(with_sync(testing::GroupNodeConfig("order-group", db.section())));
  second.Start();
  const auto writer =
      testing::AddTestUser(first.storage(), "writer", "CN", {"group_admin"}, SystemClock().NowMs());
  const auto created =
      testing::HttpCall(first.http_port(), "POST", "/api/v1/customers",
                        "{\"name\":\"版本顺序测试有限公司\",\"industry\":\"I\",\"level\":\"local\","
                        "\"org\":\"440100\",\"creditCode\":\"" +
                            testing::CreditCodeFor(1) + "\"}",
                        testing::BearerHeader(writer));
  ASSERT_EQ(201, created.status) << created.body;
  const auto body = Poco::JSON::Parser().parse(created.body).extract<Poco::JSON::Object::Ptr>();
  const std::string id = body->getValue<std::string>("id");
  const auto first_version = body->getValue<std::int64_t>("version");
  auto headers = testing::BearerHeader(writer);
  headers["If-Match"] = "\"" + std::to_string(first_version) + "\"";
  const auto edited = testing::HttpCall(second.http_port(), "PATCH", "/api/v1/customers/" + id,
                                        "{\"address\":\"广州市天河区\"}", headers);
  ASSERT_EQ(200, edited.status) << edited.body;
  const auto stored =
      second.storage().Open()->Query("SELECT version, address FROM customers WHERE id = ?", {id});
  ASSERT_EQ(1u, stored.size());
  EXPECT_GT(stored[0].Int(0), first_version) << "the later edit got the lower version";
  EXPECT_EQ("广州市天河区", stored[0].Text(1));
  second.Stop();
  first.Stop();
  testing::RemoveTree(keys);
}

TEST(LeaderFailoverTest, SecondProcessOnOneSqliteDatabaseIsRefused) {
  const std::string root = testing::MakeTempDir("mams-leader-sqlite");
  ClusterNode node = ClusterNode::Make(root, "single-hq", "group", "CN", testing::Backend::kSqlite);
  std::string config = node.Config(nullptr, {});
  config = config.substr(0, config.find("sync:"));  // no links needed here
  testing::WriteFile(node.dir + "/node.yaml", config);
  node.Start();
  ASSERT_TRUE(node.Healthy()) << node.process->Log();
  std::string second_config = config;
  const std::string port_text = "port: " + std::to_string(node.http_port);
  second_config.replace(second_config.find(port_text), port_text.size(),
                        "port: " + std::to_string(testing::FreePort()));
  testing::WriteFile(root + "/second.yaml", second_config);
  const auto second = testing::RunNodeToExit({"--config", root + "/second.yaml"}, 30);
  EXPECT_NE(second.exit_code, 0);
  EXPECT_NE(second.output.find("another mams-node process already serves"), std::string::npos)
      << second.output;
  EXPECT_TRUE(node.process->WaitHealthy(node.http_port, 5)) << "the first process was disturbed";
  node.process.reset();
  if (!HasFailure()) {
    testing::RemoveTree(root);
  }
}

}  // namespace
}  // namespace mams
