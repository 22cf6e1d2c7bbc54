// Sync under faults with the real binary: a group, a province and a local network as three
// mams-node processes on each backend, customers written continuously at the local network while
// random nodes are killed with SIGKILL and restarted (20 times) and the province is stopped
// long enough for changes to queue. Afterwards every node holds exactly the local network's
// rows, compared by content: no change lost, none duplicated.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include "node/common/clock.h"
#include "node/config/node_config.h"
#include "sync/sync_service.h"
#include "tests/support/credit_codes.h"
#include "tests/support/http_client.h"
#include "tests/support/node_process.h"
#include "tests/support/test_backends.h"
#include "tests/support/test_users.h"

namespace mams {
namespace {

using testing::CreditCodeFor;

struct ProcessNode {
  std::string id;
  std::string level;
  std::string org;
  std::string dir;
  std::uint16_t http_port = 0;
  std::uint16_t sync_port = 0;
  std::string public_key;
  std::unique_ptr<testing::NodeProcess> process;
  std::unique_ptr<testing::TestDatabase> db;
  int starts = 0;

  /// The storage section of the config file: the SQLite file, or the test database on
  /// MariaDB with its password in the environment (never in the file).
  std::string StorageYaml() const {
    if (const auto& mysql = db->section().mysql) {
      return "storage: {mysql: {host: " + mysql->host + ", port: " + std::to_string(mysql->port) +
             ", database: " + mysql->database + ", user: " + mysql->user +
             ", password_env: MAMS_FAULT_DB_PASSWORD}}\n";
    }
    return "storage: {sqlite: {path: \"" + db->section().sqlite->path + "\"}}\n";
  }
  std::map<std::string, std::string> Env() const {
    if (const auto& mysql = db->section().mysql) {
      return {{"MAMS_FAULT_DB_PASSWORD", mysql->password}};
    }
    return {};
  }

  std::string Config(const ProcessNode* parent, const std::vector<const ProcessNode*>& children) const {
    std::string yaml = "node: {id: " + id + ", level: " + level + ", org: \"" + org + "\"";
    if (parent != nullptr) {
      yaml += ", parent: \"tcp://127.0.0.1:" + std::to_string(parent->sync_port) + "\"";
    }
    yaml += "}\nhttp: {bind: 127.0.0.1, port: " + std::to_string(http_port) + "}\n"
            + StorageYaml() +
            "auth: {mfa_for_admins: false}\n"
            "log: {level: warning, console: false, file: node.log}\n"
            "sync:\n  bind: \"tcp://127.0.0.1:" + std::to_string(sync_port) + "\"\n"
            "  key_file: keys/node.key\n  heartbeat_ms: 200\n  resend_after_ms: 1000\n";
    if (parent != nullptr) {
      yaml += "  parent_public_key: \"" + parent->public_key + "\"\n";
    }
    if (!children.empty()) {
      yaml += "  children:\n";
      for (const ProcessNode* child : children) {
        yaml += "    - {node: " + child->id + ", org: \"" + child->org + "\", public_key: \"" +
                child->public_key + "\"}\n";
      }
    }
    return yaml;
  }

  void Start() {
    process = std::make_unique<testing::NodeProcess>(
        std::vector<std::string>{"--config", dir + "/node.yaml"},
        dir + "/run" + std::to_string(++starts) + ".log", Env());
  }
  bool Healthy() { return process->WaitHealthy(http_port, 30); }
  storage::SqlParams None() const { return {}; }
};

class SyncFaultTest : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    const testing::TestDatabase probe(GetParam());
    MAMS_REQUIRE_BACKEND(probe);
    root_ = testing::MakeTempDir("mams-sync-fault");
    group_ = Make("fault-group", "group", "CN");
    province_ = Make("fault-gd", "province", "440000");
    local_ = Make("fault-gz", "local", "440100");
    Write(group_, nullptr, {&province_});
    Write(province_, &group_, {&local_});
    Write(local_, &province_, {});
    // First start applies the migrations; then the writer's user goes into the local
    // network's database and every node starts for good.
    for (ProcessNode* node : {&group_, &province_, &local_}) {
      node->Start();
      ASSERT_TRUE(node->Healthy()) << node->process->Log();
    }
    local_.process->Terminate();
    writer_ = testing::AddTestUser(*local_.db->Open(), "writer", "440100",
                                   {"province_manager"}, SystemClock().NowMs());
    local_.Start();
    ASSERT_TRUE(local_.Healthy()) << local_.process->Log();
  }

  void TearDown() override {
    for (ProcessNode* node : {&local_, &province_, &group_}) {
      node->process.reset();
    }
    if (!HasFailure()) {
      testing::RemoveTree(root_);
    }
  }

  ProcessNode Make(const std::string& id, const std::string& level, const std::string& org) {
    ProcessNode node;
    node.id = id;
    node.level = level;
    node.org = org;
    node.dir = root_ + "/" + id;
    node.http_port = testing::FreePort();
    node.sync_port = testing::FreePort();
    node.public_key = sync::GenerateKeys(node.dir + "/keys");
    node.db = std::make_unique<testing::TestDatabase>(GetParam());
    return node;
  }

  static void Write(const ProcessNode& node, const ProcessNode* parent,
                    const std::vector<const ProcessNode*>& children) {
    testing::WriteFile(node.dir + "/node.yaml", node.Config(parent, children));
  }

  /// Every customer row of `node` with the columns that carry content, as one text per row.
  static std::vector<std::string> Rows(const ProcessNode& node, const std::string& table,
                                       const std::string& columns) {
    auto storage = node.db->Open();
    const auto rows = storage->Open()->Query("SELECT " + columns + " FROM " + table +
                                             " WHERE org_code = '440100' ORDER BY id");
    std::vector<std::string> result;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::string line;
      for (std::size_t c = 0; c < rows.columns().size(); ++c) {
        line += (rows[i].IsNull(c) ? std::string("NULL") : rows[i].Text(c)) + "|";
      }
      result.push_back(line);
    }
    return result;
  }

  std::string root_;
  ProcessNode group_, province_, local_;
  testing::TestUser writer_;
};

TEST_P(SyncFaultTest, KilledAndStoppedNodesConvergeWithNothingLostOrDuplicated) {
  // The writer: new customers and edits of earlier ones at the local network, as fast as it
  // can; only what was acknowledged (201/200) counts.
  std::atomic<bool> stop{false};
  std::atomic<int> created{0};
  std::vector<std::string> ids;
  std::mutex ids_mutex;
  std::thread writer([&] {
    std::mt19937 random(7);
    for (int n = 0; !stop.load(); ++n) {
      try {
        if (n % 3 == 2) {
          std::string id;
          {
            std::lock_guard<std::mutex> lock(ids_mutex);
            if (!ids.empty()) {
              id = ids[random() % ids.size()];
            }
          }
          if (!id.empty()) {
            testing::HttpCall(local_.http_port, "PATCH", "/api/v1/customers/" + id,
                              "{\"address\":\"第" + std::to_string(n) + "次修改\"}",
                              testing::BearerHeader(writer_));
          }
          continue;
        }
        const auto result = testing::HttpCall(
            local_.http_port, "POST", "/api/v1/customers",
            "{\"name\":\"故障测试客户" + std::to_string(n) + "\",\"industry\":\"I\","
            "\"level\":\"local\",\"org\":\"440100\",\"creditCode\":\"" + CreditCodeFor(n) + "\"}",
            testing::BearerHeader(writer_));
        if (result.status == 201) {
          std::lock_guard<std::mutex> lock(ids_mutex);
          ids.push_back(Poco::JSON::Parser().parse(result.body).extract<Poco::JSON::Object::Ptr>()
                            ->getValue<std::string>("id"));
          ++created;
        }
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the local node is down
      }
    }
  });

  std::mt19937 random(2026);
  ProcessNode* nodes[] = {&group_, &province_, &local_};
  for (int round = 0; round < 20; ++round) {
    ProcessNode* victim = nodes[random() % 3];
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + random() % 600));
    victim->process->Kill();
    std::this_thread::sleep_for(std::chrono::milliseconds(random() % 500));
    victim->Start();
    ASSERT_TRUE(victim->Healthy()) << victim->id << ": " << victim->process->Log();
  }
  // The province away for a while: the local network's changes queue up.
  province_.process->Terminate();
  std::this_thread::sleep_for(std::chrono::seconds(8));
  province_.Start();
  ASSERT_TRUE(province_.Healthy()) << province_.process->Log();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  stop = true;
  writer.join();
  ASSERT_GT(created.load(), 200) << "the writer got too few customers through to mean anything";
  std::cout << "[ fault    ] " << created.load() << " customers acknowledged at the local network, "
            << "20 kills and one 8 s stop of the province\n";

  // Converged: the province and the group hold exactly the local network's rows.
  const std::string columns = "id, customer_no, name, address, state, version, version_node, deleted";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::vector<std::string> at_local, at_province, at_group;
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    at_local = Rows(local_, "customers", columns);
    at_province = Rows(province_, "customers", columns);
    at_group = Rows(group_, "customers", columns);
  } while ((at_local != at_province || at_local != at_group) &&
           std::chrono::steady_clock::now() < deadline);
  // Every acknowledged customer is there (a kill between commit and answer may add one the
  // writer never heard of; that is not a loss).
  EXPECT_GE(at_local.size(), static_cast<std::size_t>(created.load()));
  for (const auto& id : ids) {
    EXPECT_TRUE(std::any_of(at_group.begin(), at_group.end(),
                            [&](const std::string& row) { return row.rfind(id + "|", 0) == 0; }))
        << "acknowledged customer " << id << " is missing at the group";
  }
  EXPECT_EQ(at_local, at_province);
  EXPECT_EQ(at_local, at_group);
  const std::string event_columns = "id, customer_id, action, changes, version";
  EXPECT_EQ(Rows(local_, "customer_events", event_columns),
            Rows(group_, "customer_events", event_columns));
}

INSTANTIATE_TEST_SUITE_P(Backends, SyncFaultTest,
                         ::testing::Values(testing::Backend::kSqlite, testing::Backend::kMysql),
                         testing::BackendParamName);

}  // namespace
}  // namespace mams
