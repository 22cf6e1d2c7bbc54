// Sync links between real nodes in one process, over real ZeroMQ sockets with CurveZMQ on
// loopback, on both backends: group <- province <- local network. Changes made at any level
// reach every ancestor; edits made above the owner go back down; concurrent edits resolve
// the same way everywhere with one conflict record; a wrong key and out-of-scope rows are
// refused.
#include <Poco/Logger.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "node/storage/storage.h"
#include "sync/sync_service.h"
#include "tests/support/accounts_fixture.h"
#include "tests/support/credit_codes.h"
#include "tests/support/node_process.h"
#include "tests/support/sync_nodes.h"

namespace mams {
namespace {

using testing::Backend;
using testing::Eventually;
using testing::HttpResult;
using testing::Json;

struct Node {
  std::unique_ptr<testing::TestDatabase> db;
  config::NodeConfig config;
  std::unique_ptr<app::NodeRuntime> runtime;
  testing::TestUser admin;
};

class SyncLinksTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    Poco::Logger::root().setLevel("warning");
    keys_ = testing::MakeTempDir("mams-sync-links");
    const testing::TestDatabase probe(GetParam());
    MAMS_REQUIRE_BACKEND(probe);
    group_ = MakeNode("group", config::Level::kGroup, "CN", nullptr);
    province_ = MakeNode("gd-province", config::Level::kProvince, "440000", &group_);
    local_ = MakeNode("gz-local", config::Level::kLocal, "440100", &province_);
    for (Node* node : {&group_, &province_, &local_}) {
      node->runtime = std::make_unique<app::NodeRuntime>(node->config);
      node->runtime->Start();
    }
    const auto now = SystemClock().NowMs();
    group_.admin =
        testing::AddTestUser(group_.runtime->storage(), "hq", "CN", {"group_admin"}, now);
    province_.admin = testing::AddTestUser(province_.runtime->storage(), "gd", "440000",
                                           {"province_manager"}, now);
    local_.admin =
        testing::AddTestUser(local_.runtime->storage(), "gz", "440100", {"province_manager"}, now);
  }

  void TearDown() override {
    for (Node* node : {&local_, &province_, &group_}) {
      node->runtime.reset();
    }
    testing::RemoveTree(keys_);
  }

  Node MakeNode(const std::string& id, config::Level level, const std::string& org, Node* parent) {
    Node node;
    node.db = std::make_unique<testing::TestDatabase>(GetParam());
    node.config = testing::SyncNodeConfig(id, level, org, node.db->section(), keys_,
                                          parent != nullptr ? &parent->config : nullptr);
    return node;
  }

  HttpResult Call(Node& node, const std::string& method, const std::string& target,
                  const std::string& body = "", std::map<std::string, std::string> headers = {}) {
    headers["Authorization"] = "Bearer " + node.admin.token;
    return testing::HttpCall(node.runtime->http_port(), method, target, body, headers);
  }

  static std::string Field(Node& node, const std::string& id, const std::string& column) {
    auto session = node.runtime->storage().Open();
    const auto rows = session->Query("SELECT " + column + " FROM customers WHERE id = ?", {id});
    return rows.empty() ? "" : rows[0].Text(0);
  }

  static std::int64_t Count(Node& node, const std::string& sql) {
    return node.runtime->storage().Open()->Query(sql).ScalarInt();
  }

  std::string CreateCustomer(Node& node, const std::string& name, const std::string& credit,
                             const std::string& org) {
    const auto created =
        Call(node, "POST", "/api/v1/customers",
             "{\"name\":\"" + name + "\",\"creditCode\":\"" + credit +
                 "\",\"industry\":\"I\",\"level\":\"local\",\"org\":\"" + org + "\"}");
    EXPECT_EQ(201, created.status) << created.body;
    return created.status == 201 ? Json(created.body)->getValue<std::string>("id") : "";
  }

  std::string keys_;
  Node group_, province_, local_;
};

TEST_P(SyncLinksTest, ACustomerMadeBelowReachesEveryAncestorAndEditsAboveComeBack) {
  const std::string id =
      CreateCustomer(local_, "广州同步科技有限公司", "91440300708461136T", "440100");
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(Eventually([&] { return !Field(group_, id, "name").empty(); }))
      << "the customer did not reach the group";
  EXPECT_EQ("广州同步科技有限公司", Field(province_, id, "name"));
  EXPECT_EQ(Field(local_, id, "version"), Field(group_, id, "version"));
  // Its history event travels with it (possibly in the next batch).
  EXPECT_TRUE(Eventually([&] {
    return Count(group_, "SELECT COUNT(*) FROM customer_events WHERE customer_id = '" + id + "'") ==
           1;
  }));

  // The group edits the local network's customer: the change goes back down.
  const std::string etag = "\"" + Field(group_, id, "version") + "\"";
  const auto patched = Call(group_, "PATCH", "/api/v1/customers/" + id,
                            "{\"address\":\"广州市天河区体育西路\"}", {{"If-Match", etag}});
  ASSERT_EQ(200, patched.status) << patched.body;
  ASSERT_TRUE(Eventually([&] { return Field(local_, id, "address") == "广州市天河区体育西路"; }))
      << "the group's edit did not reach the local network";
  EXPECT_EQ(Field(group_, id, "version"), Field(local_, id, "version"));
  EXPECT_EQ(Field(group_, id, "version"), Field(province_, id, "version"));

  // Every link is up and has nothing pending once all is delivered.
  ASSERT_TRUE(Eventually([&] {
    const auto links = Json(Call(group_, "GET", "/api/v1/sync/links").body)->getArray("items");
    return links->size() == 1 && links->getObject(0)->getValue<bool>("connected") &&
           links->getObject(0)->getValue<std::string>("peer") == "gd-province";
  }));
}

TEST_P(SyncLinksTest, EachLevelsCalendarIsPublishedToTheLevelsBelowOnly) {
  // Calendars are reference data kept by each level's own node (docs/calendars.md).
  const auto now = SystemClock().NowMs();
  const auto gd_admin = testing::AddTestUser(province_.runtime->storage(), "gd-admin", "440000",
                                             {"system_admin"}, now);
  const auto hq_admin =
      testing::AddTestUser(group_.runtime->storage(), "hq-admin", "CN", {"group_admin"}, now);
  const auto put = [](Node& node, const testing::TestUser& user, const std::string& target) {
    return testing::HttpCall(node.runtime->http_port(), "PUT", target, "{\"kind\":\"holiday\"}",
                             {{"Authorization", "Bearer " + user.token}});
  };
  ASSERT_EQ(200, put(group_, hq_admin, "/api/v1/calendars/CN/days/2026-10-01").status);
  ASSERT_EQ(200, put(province_, gd_admin, "/api/v1/calendars/440000/days/2026-10-09").status);
  const auto days_at = [&](Node& node) {
    return Json(Call(node, "GET", "/api/v1/calendars/" + node.config.node.org + "?year=2026").body)
        ->getArray("days")
        ->size();
  };
  EXPECT_TRUE(Eventually([&] { return days_at(local_) == 2; }))
      << "the local network has " << days_at(local_) << " of the 2 days";
  EXPECT_EQ(2u, days_at(province_));
  // The group keeps its own; the province's day does not go up.
  EXPECT_EQ(1u, days_at(group_));
  EXPECT_EQ(0, Count(group_, "SELECT COUNT(*) FROM work_days WHERE org_code = '440000'"));
}

TEST_P(SyncLinksTest, ConcurrentEditsResolveTheSameWayEverywhereWithOneConflict) {
  const std::string id =
      CreateCustomer(local_, "广州并发科技有限公司", "91440300708461136T", "440100");
  ASSERT_TRUE(Eventually([&] { return !Field(group_, id, "name").empty(); }));
  const std::string etag = "\"" + Field(local_, id, "version") + "\"";
  // Both edit the same version before either hears of the other.
  province_.runtime->Stop();
  ASSERT_EQ(200, Call(local_, "PATCH", "/api/v1/customers/" + id, "{\"address\":\"本地地址\"}",
                      {{"If-Match", etag}})
                     .status);
  ASSERT_EQ(200, Call(group_, "PATCH", "/api/v1/customers/" + id, "{\"address\":\"集团地址\"}",
                      {{"If-Match", etag}})
                     .status);
  province_.runtime = std::make_unique<app::NodeRuntime>(province_.config);
  province_.runtime->Start();
  ASSERT_TRUE(Eventually([&] {
    const std::string at_group = Field(group_, id, "address");
    return at_group == Field(province_, id, "address") &&
           at_group == Field(local_, id, "address") &&
           Field(group_, id, "version") == Field(local_, id, "version") &&
           Count(group_, "SELECT COUNT(*) FROM sync_conflicts") == 1;
  })) << "group "
      << Field(group_, id, "address") << ", province " << Field(province_, id, "address")
      << ", local " << Field(local_, id, "address");
  // The later edit (the group's) won, and the one conflict record holds both sides.
  EXPECT_EQ("集团地址", Field(local_, id, "address"));
  auto session = group_.runtime->storage().Open();
  const auto conflict = session->Query(
      "SELECT winner_node, loser_node, loser_image FROM sync_conflicts WHERE row_id = ?", {id});
  ASSERT_EQ(1u, conflict.size());
  EXPECT_EQ("group", conflict[0].Text(0));
  EXPECT_EQ("gz-local", conflict[0].Text(1));
  EXPECT_NE(std::string::npos, conflict[0].Text(2).find("本地地址"));
}

TEST_P(SyncLinksTest, ANewChildGetsItsSubtreeAndTheReferenceDataByInitialLoad) {
  // Rows for a local network that has no node yet, and reference data from the group.
  const std::string sz =
      CreateCustomer(province_, "深圳初装科技有限公司", "91440300708461136T", "440300");
  const std::string gz =
      CreateCustomer(province_, "广州初装科技有限公司", "91110108551385082Q", "440100");
  const auto rule = Call(group_, "PUT", "/api/v1/grading-rules/440000",
                         "{\"aMin\":300000,\"bMin\":200000,\"cMin\":100000}");
  ASSERT_EQ(200, rule.status) << rule.body;
  ASSERT_TRUE(Eventually([&] {
    return !Field(group_, sz, "name").empty() &&
           Count(province_, "SELECT COUNT(*) FROM grading_rules WHERE org_code = '440000'") == 1;
  }));
  // Nothing of it is left in the province's outbox: only an initial load can bring it.
  province_.runtime->Stop();
  province_.runtime->storage().Open()->ExecuteRaw("DELETE FROM sync_outbox");
  Node shenzhen = MakeNode("sz-local", config::Level::kLocal, "440300", &province_);
  province_.runtime = std::make_unique<app::NodeRuntime>(province_.config);
  province_.runtime->Start();
  shenzhen.runtime = std::make_unique<app::NodeRuntime>(shenzhen.config);
  shenzhen.runtime->Start();
  ASSERT_TRUE(Eventually([&] {
    return !Field(shenzhen, sz, "name").empty() &&
           Count(shenzhen, "SELECT COUNT(*) FROM grading_rules WHERE org_code = '440000'") == 1;
  })) << "the Shenzhen customer or the grading rule did not arrive by initial load";
  EXPECT_EQ(Field(province_, sz, "version"), Field(shenzhen, sz, "version"));
  EXPECT_EQ(1, Count(shenzhen, "SELECT COUNT(*) FROM grading_rules WHERE org_code = '440000'"));
  EXPECT_EQ("", Field(shenzhen, gz, "name")) << "another local network's customer was sent";
  // Afterwards live changes flow as usual.
  const std::string etag = "\"" + Field(province_, sz, "version") + "\"";
  ASSERT_EQ(200, Call(province_, "PATCH", "/api/v1/customers/" + sz,
                      "{\"address\":\"深圳市南山区\"}", {{"If-Match", etag}})
                     .status);
  EXPECT_TRUE(Eventually([&] { return Field(shenzhen, sz, "address") == "深圳市南山区"; }));
  shenzhen.runtime.reset();
}

TEST_P(SyncLinksTest, AWipedGroupGetsEverySubtreeBackByResyncWhileLiveChangesFlow) {
  const std::string made_below =
      CreateCustomer(local_, "广州重载科技有限公司", "91440300708461136T", "440100");
  const std::string made_above =
      CreateCustomer(province_, "佛山重载科技有限公司", "91110108551385082Q", "440600");
  ASSERT_TRUE(Eventually([&] {
    return !Field(group_, made_below, "name").empty() && !Field(group_, made_above, "name").empty();
  }));
  // The group loses its database; the province's outbox no longer holds those rows either.
  group_.runtime.reset();
  province_.runtime->Stop();
  province_.runtime->storage().Open()->ExecuteRaw("DELETE FROM sync_outbox");
  group_.db = std::make_unique<testing::TestDatabase>(GetParam());
  group_.config.storage = group_.db->section();
  // The load's rows are indexed this long after the load ended (docs/search.md, "Loads").
  group_.config.module_sections =
      config::ParseConfig("node: {id: g, level: group, org: CN}\nstorage: {sqlite: {path: g.db}}\n"
                          "search: {load_settle_seconds: 8}\n",
                          "group.yaml", "/tmp")
          .module_sections;
  group_.runtime = std::make_unique<app::NodeRuntime>(group_.config);
  group_.runtime->Start();
  group_.admin = testing::AddTestUser(group_.runtime->storage(), "hq", "CN", {"group_admin"},
                                      SystemClock().NowMs());
  // The empty group's first build of each kind is done before the load comes: only the load
  // then brings rows the index lacks.
  ASSERT_TRUE(Eventually([&] {
    return Count(group_, "SELECT COUNT(*) FROM search_built WHERE kind IN ('customer', 'contact')") == 2;
  }));
  province_.runtime = std::make_unique<app::NodeRuntime>(province_.config);
  province_.runtime->Start();
  // The province sees the group stand before what it acknowledged and sends its subtree.
  ASSERT_TRUE(Eventually([&] {
    return Field(group_, made_below, "version") == Field(local_, made_below, "version") &&
           Field(group_, made_above, "version") == Field(province_, made_above, "version");
  })) << "the group did not get the province's subtree back";
  const std::string subtree =
      "SELECT COUNT(*) FROM customers WHERE org_code IN ('440000', '440100', '440600')";
  EXPECT_EQ(Count(province_, subtree), Count(group_, subtree));
  EXPECT_EQ(0, Count(group_, "SELECT COUNT(*) FROM sync_conflicts")) << "a load is no conflict";
  EXPECT_TRUE(Eventually([&] {
    return Count(group_, "SELECT load_page FROM sync_links WHERE peer = 'gd-province'") == -1;
  })) << "the load did not end";
  // The search index takes the load's rows once, after the load: until then the search box
  // says it is catching up and does not find them; then it finds both.
  const std::string by_name = "/api/v1/search?kinds=customer&q=%E9%87%8D%E8%BD%BD";  // 重载
  EXPECT_EQ(1, Count(group_, "SELECT COUNT(*) FROM search_deferred WHERE kind = 'customer'"
                             " AND source = 'gd-province' AND ended = 1"));
  const auto meanwhile = Call(group_, "GET", by_name);
  ASSERT_EQ(200, meanwhile.status) << meanwhile.body;
  EXPECT_TRUE(Json(meanwhile.body)->getValue<bool>("indexing")) << meanwhile.body;
  EXPECT_EQ(std::string::npos, meanwhile.body.find(made_below)) << meanwhile.body;
  HttpResult found;
  EXPECT_TRUE(Eventually([&] {
    found = Call(group_, "GET", by_name);
    return found.body.find(made_below) != std::string::npos &&
           found.body.find(made_above) != std::string::npos &&
           !Json(found.body)->getValue<bool>("indexing");
  })) << "the loaded customers were not indexed after the load: " << found.body;
  EXPECT_EQ(0, Count(group_, "SELECT COUNT(*) FROM search_deferred"));
  // Live changes go on after the load.
  const std::string later =
      CreateCustomer(local_, "广州续传科技有限公司", testing::CreditCodeFor(7), "440100");
  EXPECT_TRUE(Eventually([&] { return !Field(group_, later, "name").empty(); }));
}

TEST_P(SyncLinksTest, AnAdministratorAsksAChildForItsSubtreeAgain) {
  const std::string id =
      CreateCustomer(local_, "广州补发科技有限公司", "91440300708461136T", "440100");
  ASSERT_TRUE(Eventually([&] { return !Field(group_, id, "name").empty(); }));
  // The row goes missing at the group behind the sync layer's back (a bad manual repair).
  group_.runtime->storage().Open()->ExecuteRaw("DELETE FROM customer_events");
  const auto sysadmin = testing::AddTestUser(group_.runtime->storage(), "hq-sys", "CN",
                                             {"system_admin"}, SystemClock().NowMs());
  const auto as_admin = [&](const std::string& target) {
    return testing::HttpCall(group_.runtime->http_port(), "POST", target, "",
                             testing::BearerHeader(sysadmin));
  };
  EXPECT_EQ(404, as_admin("/api/v1/sync/links/nobody/resync").status);
  EXPECT_EQ(403, Call(group_, "POST", "/api/v1/sync/links/gd-province/resync").status)
      << "a group administrator without sync:admin";
  const auto requested = as_admin("/api/v1/sync/links/gd-province/resync");
  ASSERT_EQ(202, requested.status) << requested.body;
  ASSERT_TRUE(Eventually([&] {
    return Count(group_, "SELECT COUNT(*) FROM customer_events") ==
               Count(province_, "SELECT COUNT(*) FROM customer_events") &&
           Count(group_, "SELECT load_page FROM sync_links WHERE peer = 'gd-province'") == -1;
  })) << "the events did not come back";
  EXPECT_EQ(1, Count(group_, "SELECT COUNT(*) FROM audit_log WHERE action = 'sync.resync'"));
  // The status (refreshed twice a second) shows the load done.
  std::string links;
  EXPECT_TRUE(Eventually([&] {
    links = testing::HttpCall(group_.runtime->http_port(), "GET", "/api/v1/sync/links", "",
                              testing::BearerHeader(sysadmin))
                .body;
    return links.find("\"receiving\":false") != std::string::npos &&
           links.find("\"connected\":true") != std::string::npos;
  })) << links;
}

TEST_P(SyncLinksTest, PendingCountsOnlyTheChangesALinkSendsThatThePeerHasNotAcknowledged) {
  const auto sysadmin = testing::AddTestUser(province_.runtime->storage(), "gd-sys", "440000",
                                             {"system_admin"}, SystemClock().NowMs());
  std::string links;
  // The `pending` of the province's link to `peer` ("parent" or a child's id), -1 if absent.
  const auto pending = [&](const std::string& peer) -> std::int64_t {
    links = testing::HttpCall(province_.runtime->http_port(), "GET", "/api/v1/sync/links", "",
                              testing::BearerHeader(sysadmin))
                .body;
    const auto items = Json(links)->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      if (items->getObject(i)->getValue<std::string>("peer") == peer) {
        return items->getObject(i)->getValue<std::int64_t>("pending");
      }
    }
    return -1;
  };
  // Changes that only go up: the province's own customers and another city's.
  constexpr int kUpwardOnly = 40;
  for (int i = 0; i < kUpwardOnly; ++i) {
    CreateCustomer(province_, "广东上行客户" + std::to_string(i), testing::CreditCodeFor(7000 + i),
                   i % 2 == 0 ? "440000" : "440300");
  }
  ASSERT_TRUE(Eventually([&] {
    return Count(group_, "SELECT COUNT(*) FROM customers") == kUpwardOnly;
  })) << "the province's customers did not reach the group";
  EXPECT_TRUE(Eventually([&] { return pending("parent") == 0 && pending("gz-local") == 0; }))
      << "idle links in sync show pending changes: " << links;

  // Changes for the child while its link is paused: exactly those are pending on it.
  const auto pause = testing::HttpCall(province_.runtime->http_port(), "POST",
                                       "/api/v1/sync/links/gz-local/pause", "",
                                       testing::BearerHeader(sysadmin));
  ASSERT_EQ(200, pause.status) << pause.body;
  const std::int64_t before =
      Count(province_, "SELECT value FROM sync_counters WHERE name = 'outbox_seq'");
  constexpr int kForTheChild = 5;
  for (int i = 0; i < kForTheChild; ++i) {
    CreateCustomer(province_, "广州下行客户" + std::to_string(i), testing::CreditCodeFor(8000 + i),
                   "440100");
  }
  const std::int64_t for_the_child =
      Count(province_, "SELECT COUNT(*) FROM sync_outbox WHERE org_code = '440100' AND seq > " +
                           std::to_string(before));
  ASSERT_GE(for_the_child, kForTheChild);
  EXPECT_TRUE(Eventually([&] {
    return pending("gz-local") == for_the_child && pending("parent") == 0;
  })) << for_the_child << " changes for the child: " << links;

  const auto resume = testing::HttpCall(province_.runtime->http_port(), "POST",
                                        "/api/v1/sync/links/gz-local/resume", "",
                                        testing::BearerHeader(sysadmin));
  ASSERT_EQ(200, resume.status) << resume.body;
  EXPECT_TRUE(Eventually([&] { return pending("gz-local") == 0; })) << links;
  EXPECT_EQ(kForTheChild, Count(local_, "SELECT COUNT(*) FROM customers"));
}

MAMS_TEST_ON_BOTH_BACKENDS(SyncLinksTest);

}  // namespace
}  // namespace mams
