// Sync under faults with the real binary: a group, a province and a local network as three
// mams-node processes on each backend, customers written continuously at the local network while
// random nodes are killed with SIGKILL and restarted (20 times) and the province is stopped
// long enough for changes to queue. Afterwards every node holds exactly the local network's
// rows, compared by content: no change lost, none duplicated.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include "tests/support/cluster_node.h"
#include "tests/support/http_client.h"
#include "tests/support/test_backends.h"
#include "tests/support/test_users.h"

namespace mams {
namespace {

using testing::ClusterNode;

class SyncFaultTest : public testing::ChainTest {
 protected:
  SyncFaultTest() : ChainTest("fault", "province_manager") {}

  static std::vector<std::string> Rows(const ClusterNode& node, const std::string& table,
                                       const std::string& columns) {
    return node.Rows(table, columns, "440100");
  }
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
        const std::string id =
            testing::PostLocalCustomer(local_.http_port, writer_, "故障测试客户", n);
        if (!id.empty()) {
          std::lock_guard<std::mutex> lock(ids_mutex);
          ids.push_back(id);
          ++created;
        }
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the local node is down
      }
    }
  });

  std::mt19937 random(2026);
  ClusterNode* nodes[] = {&group_, &province_, &local_};
  for (int round = 0; round < 20; ++round) {
    ClusterNode* victim = nodes[random() % 3];
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
  const std::string columns =
      "id, customer_no, name, address, state, version, version_node, deleted";
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

MAMS_TEST_ON_BOTH_BACKENDS(SyncFaultTest);

}  // namespace
}  // namespace mams
