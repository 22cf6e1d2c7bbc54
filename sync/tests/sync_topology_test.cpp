// A hierarchy in one process on both backends: the group, two provinces (广东, 浙江) and two
// local networks under each, linked by real ZeroMQ sockets with CurveZMQ. Customers are
// written at every level and the group edits rows owned below; afterwards every node's view
// of each child's subtree is the child's own data, row for row (id, version, writer,
// tombstone).
#include <Poco/Logger.h>
#include <gtest/gtest.h>

#include <algorithm>

#include <chrono>
#include <functional>
#include <thread>

#include "node/scope/org_tree.h"
#include "node/storage/dialect.h"
#include "node/storage/storage.h"
#include "sync/sync_service.h"
#include "tests/support/accounts_fixture.h"
#include "tests/support/credit_codes.h"
#include "tests/support/node_process.h"
#include "tests/support/sync_nodes.h"

namespace mams {
namespace {

using testing::Backend;
using testing::Json;

struct TreeNode {
  std::string id;
  std::string org;
  std::unique_ptr<testing::TestDatabase> db;
  config::NodeConfig config;
  std::unique_ptr<app::NodeRuntime> runtime;
  testing::TestUser writer;
  testing::TestUser auditor;  ///< sync:read, for the subtree checksums
  TreeNode* parent = nullptr;
  std::vector<TreeNode*> children;
};

class SyncTopologyTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    Poco::Logger::root().setLevel("warning");
    const testing::TestDatabase probe(GetParam());
    MAMS_REQUIRE_BACKEND(probe);
    keys_ = testing::MakeTempDir("mams-sync-tree");
    Add("tree-group", config::Level::kGroup, "CN", nullptr);
    Add("tree-gd", config::Level::kProvince, "440000", &nodes_[0]);
    Add("tree-zj", config::Level::kProvince, "330000", &nodes_[0]);
    Add("tree-gz", config::Level::kLocal, "440100", &nodes_[1]);
    Add("tree-sz", config::Level::kLocal, "440300", &nodes_[1]);
    Add("tree-hz", config::Level::kLocal, "330100", &nodes_[2]);
    Add("tree-nb", config::Level::kLocal, "330200", &nodes_[2]);
    const auto now = SystemClock().NowMs();
    for (auto& node : nodes_) {
      node.runtime = std::make_unique<app::NodeRuntime>(node.config);
      node.runtime->Start();
      node.writer =
          testing::AddTestUser(node.runtime->storage(), "w-" + node.id, node.org,
                               {node.org == "CN" ? "group_admin" : "province_manager"}, now);
      node.auditor = testing::AddTestUser(node.runtime->storage(), "a-" + node.id, node.org,
                                          {"system_admin"}, now);
    }
  }

  void TearDown() override {
    for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) {
      it->runtime.reset();
    }
    testing::RemoveTree(keys_);
  }

  void Add(const std::string& id, config::Level level, const std::string& org, TreeNode* parent) {
    nodes_.reserve(7);  // pointers into nodes_ stay valid
    TreeNode node;
    node.id = id;
    node.org = org;
    node.db = std::make_unique<testing::TestDatabase>(GetParam());
    node.config = testing::SyncNodeConfig(id, level, org, node.db->section(), keys_,
                                          parent != nullptr ? &parent->config : nullptr);
    node.parent = parent;
    nodes_.push_back(std::move(node));
    if (parent != nullptr) {
      parent->children.push_back(&nodes_.back());
    }
  }

  std::string Create(TreeNode& node, int n, const std::string& org) {
    const auto result =
        testing::HttpCall(node.runtime->http_port(), "POST", "/api/v1/customers",
                          "{\"name\":\"层级客户" + std::to_string(n) + "\",\"creditCode\":\"" +
                              testing::CreditCodeFor(n, org.substr(0, 2) + "0100") +
                              "\",\"industry\":\"I\","
                              "\"level\":\"local\",\"org\":\"" +
                              org + "\"}",
                          testing::BearerHeader(node.writer));
    EXPECT_EQ(201, result.status) << node.id << ": " << result.body;
    return result.status == 201 ? Json(result.body)->getValue<std::string>("id") : "";
  }

  /// GET /api/v1/sync/checksum?org=`root` at `node`: the combined digest and the customers.
  std::pair<std::string, std::int64_t> Checksum(TreeNode& node, const std::string& root) {
    const auto got =
        testing::HttpCall(node.runtime->http_port(), "GET", "/api/v1/sync/checksum?org=" + root, "",
                          testing::BearerHeader(node.auditor));
    EXPECT_EQ(200, got.status) << node.id << ": " << got.body;
    if (got.status != 200) {
      return {};
    }
    const auto body = Json(got.body);
    std::int64_t customers = -1;
    const auto tables = body->getArray("tables");
    for (std::size_t i = 0; i < tables->size(); ++i) {
      const auto table = tables->getObject(static_cast<unsigned int>(i));
      if (table->getValue<std::string>("table") == "customers") {
        customers = table->getValue<std::int64_t>("rows");
      }
    }
    return {body->getValue<std::string>("sha256"), customers};
  }

  /// The customers of `root`'s subtree as `node` holds them, one line per row.
  std::vector<std::string> Subtree(TreeNode& node, const std::string& root) {
    const auto tree = node.runtime->orgs().Current();
    std::string in;
    storage::SqlParams params;
    for (const scope::Org* org : tree->Subtree(root)) {
      in += in.empty() ? "?" : ", ?";
      params.emplace_back(org->code);
    }
    const auto rows = node.runtime->storage().Open()->Query(
        "SELECT id, version, version_node, deleted, address FROM customers WHERE org_code IN (" +
            in + ") ORDER BY id",
        params);
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      lines.push_back(rows[i].Text(0) + "|" + rows[i].Text(1) + "|" + rows[i].Text(2) + "|" +
                      rows[i].Text(3) + "|" + rows[i].Text(4));
    }
    return lines;
  }

  std::string keys_;
  std::vector<TreeNode> nodes_;
};

TEST_P(SyncTopologyTest, WritesAtEveryLevelConvergeAndEverySubtreeMatchesItsParentsView) {
  int n = 0;
  std::vector<std::pair<TreeNode*, std::string>> owned;  // a customer per local network
  for (auto& node : nodes_) {
    // Each node writes in its own org; the group also writes for a local network.
    for (int i = 0; i < 3; ++i) {
      const std::string id = Create(node, ++n, node.org == "CN" ? "440100" : node.org);
      if (node.children.empty() && i == 0) {
        owned.emplace_back(&node, id);
      }
    }
  }
  // The group edits rows owned by local networks; the edits must reach their owners.
  TreeNode& group = nodes_[0];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::string mismatch;  // the last difference seen, for the failure message
  // Every row made anywhere has reached the group, and then, pair by pair from the top down,
  // every child holds what its parent holds of it. Checked in that order, one pass is enough
  // (rows never go away): a pass that saw a row in flight fails at the group's count or at a
  // pair above the one where it has not arrived yet.
  auto converged = [&] {
    const std::size_t at_group = Subtree(nodes_[0], "CN").size();
    if (at_group != static_cast<std::size_t>(n)) {
      mismatch = "the group holds " + std::to_string(at_group) + " of " + std::to_string(n);
      return false;
    }
    for (auto& node : nodes_) {
      for (TreeNode* child : node.children) {
        const auto above = Subtree(node, child->org);
        const auto own = Subtree(*child, child->org);
        if (above != own) {
          mismatch = node.id + " sees " + std::to_string(above.size()) + " rows of " +
                     child->org + ", " + child->id + " holds " + std::to_string(own.size());
          for (std::size_t i = 0; i < std::max(above.size(), own.size()); ++i) {
            const std::string a = i < above.size() ? above[i] : "-";
            const std::string b = i < own.size() ? own[i] : "-";
            if (a != b) {
              mismatch += "; first difference: " + a + " / " + b;
              break;
            }
          }
          return false;
        }
      }
    }
    return true;
  };
  while (!converged() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(converged()) << "the tree did not converge after the first writes: " << mismatch;
  for (auto& [owner, id] : owned) {
    const auto got = testing::HttpCall(group.runtime->http_port(), "GET", "/api/v1/customers/" + id,
                                       "", testing::BearerHeader(group.writer));
    ASSERT_EQ(200, got.status) << got.body;
    const auto patched = testing::HttpCall(
        group.runtime->http_port(), "PATCH", "/api/v1/customers/" + id,
        "{\"address\":\"集团修改 " + owner->id + "\"}",
        {{"Authorization", "Bearer " + group.writer.token}, {"If-Match", got.Header("ETag")}});
    ASSERT_EQ(200, patched.status) << patched.body;
  }
  const auto second = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!converged() && std::chrono::steady_clock::now() < second) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(converged()) << mismatch;
  for (auto& [owner, id] : owned) {
    const auto rows =
        owner->runtime->storage().Open()->Query("SELECT address FROM customers WHERE id = ?", {id});
    ASSERT_EQ(1u, rows.size());
    EXPECT_EQ("集团修改 " + owner->id, rows[0].Text(0));
  }
  // The search index follows rows that arrive by sync, in the transaction that applies them:
  // every node finds by pinyin exactly the customers of its subtree.
  for (auto& node : nodes_) {
    auto session = node.runtime->storage().Open();
    // The index's own storage on each backend (docs/search.md, "Index storage").
    const auto indexed =
        session->dialect().backend() == storage::Backend::kSqlite
            ? session->Query("SELECT COUNT(*) FROM search_fts"
                             " WHERE search_fts MATCH '\"customer.p:ceng_ji\"'").ScalarInt()
            : session->Query("SELECT COUNT(DISTINCT entity_id) FROM search_terms"
                             " WHERE kind = 'customer' AND term = 'p:ceng ji'").ScalarInt();
    EXPECT_EQ(static_cast<std::int64_t>(Subtree(node, node.org).size()), indexed) << node.id;
  }
  // What the issue asks to prove: every node's subtree checksum equals its parent's view of
  // that subtree (all sync tables: customers, their events, reference data, conflicts).
  for (auto& node : nodes_) {
    if (node.parent != nullptr) {
      const auto own = Checksum(node, node.org);
      const auto seen_above = Checksum(*node.parent, node.org);
      EXPECT_EQ(own.first, seen_above.first) << node.id << " and its parent differ";
      EXPECT_GT(own.second, 0) << node.id << " holds no customers of its own";
      EXPECT_EQ(own.second, seen_above.second) << node.id;
    }
  }
  // A subtree outside the caller's scope, or no org at all, is not found.
  for (const std::string& org : {std::string("330000"), std::string("NO-SUCH-ORG")}) {
    const auto refused =
        testing::HttpCall(nodes_[1].runtime->http_port(), "GET", "/api/v1/sync/checksum?org=" + org,
                          "", testing::BearerHeader(nodes_[1].auditor));
    EXPECT_EQ(404, refused.status) << org << ": " << refused.body;
  }
  // The group holds everything; a province holds nothing of the other province.
  EXPECT_EQ(static_cast<std::size_t>(n), Subtree(group, "CN").size());
  EXPECT_TRUE(Subtree(nodes_[1], "330000").empty());
}

MAMS_TEST_ON_BOTH_BACKENDS(SyncTopologyTest);

}  // namespace
}  // namespace mams
