// The module contract on a real node, on both backends: a wrong declaration stops the start
// with a message naming the module; a module's 360° facet, job and gauge are served.
#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "modules/accounts/api/customer_directory.h"
#include "node/app/module_list.h"
#include "node/audit/audit_log.h"
#include "node/app/node_runtime.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/storage/storage.h"
#include "tests/support/credit_codes.h"
#include "tests/support/http_client.h"
#include "tests/support/test_backends.h"
#include "tests/support/test_users.h"

namespace mams {
namespace {

Poco::JSON::Object::Ptr Json(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

module::Module Probe(std::function<void(module::Module*)> shape) {
  module::Module probe;
  probe.name = "probe";
  probe.depends_on = {"accounts"};
  probe.start = [](module::ModuleContext&) { return std::vector<http::Route>{}; };
  shape(&probe);
  return probe;
}

// An active customer created through the API by `user`; its id.
std::string CreateCustomer(app::NodeRuntime& runtime, const testing::TestUser& user,
                           const std::string& name, int code, const std::string& org = "440100",
                           const std::string& level = "local") {
  const auto created = testing::HttpCall(
      runtime.http_port(), "POST", "/api/v1/customers",
      "{\"name\":\"" + name + "\",\"industry\":\"I\",\"level\":\"" + level + "\",\"org\":\"" +
          org + "\",\"state\":\"active\",\"creditCode\":\"" + testing::CreditCodeFor(code) + "\"}",
      testing::BearerHeader(user));
  EXPECT_EQ(201, created.status) << created.body;
  return created.status == 201 ? Json(created.body)->getValue<std::string>("id") : "";
}

class ModuleContract : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    Poco::Logger::root().setLevel("warning");
    db_ = std::make_unique<testing::TestDatabase>(GetParam());
    MAMS_REQUIRE_BACKEND(*db_);
    config_ = testing::GroupNodeConfig("test-group", db_->section());
  }

  std::string StartError(module::Module probe) {
    auto modules = app::AllModules();
    modules.push_back(std::move(probe));
    try {
      app::NodeRuntime runtime(config_, std::move(modules));
      runtime.Start();
    } catch (const StartupError& e) {
      return e.what();
    }
    return "(started)";
  }

  // A started node with every module and `probe`, and a province manager of Guangdong.
  std::unique_ptr<app::NodeRuntime> StartWith(module::Module probe, testing::TestUser* manager) {
    auto modules = app::AllModules();
    modules.push_back(std::move(probe));
    auto runtime = std::make_unique<app::NodeRuntime>(config_, std::move(modules));
    runtime->Start();
    *manager = testing::AddTestUser(runtime->storage(), "gd-pm", "440000", {"province_manager"},
                                    SystemClock().NowMs());
    return runtime;
  }

  std::unique_ptr<testing::TestDatabase> db_;
  config::NodeConfig config_;
};

TEST_P(ModuleContract, AWrongDeclarationStopsTheStartNamingTheModule) {
  const std::vector<std::pair<module::Module, std::string>> cases = {
      {Probe([](module::Module* m) { m->depends_on = {"accounts", "tickets"}; }),
       "module 'probe' depends on 'tickets', which this mams-node does not have"},
      {Probe([](module::Module* m) {
         m->permissions = {{"probe:read", "test", {"group_analyst", "janitor"}}};
       }),
       "module 'probe' grants permission 'probe:read' to role 'janitor', which is not a role"},
      {Probe([](module::Module* m) {
         m->start = [](module::ModuleContext&) {
           return std::vector<http::Route>{{"GET", "/api/v1/customers/{id}", "customers:read",
                                            nullptr, "twice"}};
         };
       }),
       "module 'probe' declares route GET /api/v1/customers/{id}, which module 'accounts' "
       "already declares"},
      {Probe([](module::Module* m) {
         m->start = [](module::ModuleContext& context) {
           context.outputs.jobs.push_back({"tick", "", module::JobSchedule::Daily(25, 0), true,
                                           [] {}});
           return std::vector<http::Route>{};
         };
       }),
       "module 'probe' adds job 'tick' with an unusable schedule"},
      // Last: its migration stays applied in the test database.
      {Probe([](module::Module* m) {
         m->migrations = {{1, "a table without the sync columns", [](storage::Session& session) {
                             session.ExecuteRaw(
                                 "CREATE TABLE probe_rows (id VARCHAR(36) NOT NULL PRIMARY KEY,"
                                 " org_code VARCHAR(32) NOT NULL)");
                           }}};
         m->sync_tables = {{"probe_rows", module::SyncDirection::kUp}};
       }),
       "module 'probe' declares a sync table: sync: table probe_rows"},
  };
  for (const auto& [probe, message] : cases) {
    const std::string error = StartError(probe);
    EXPECT_NE(std::string::npos, error.find(message)) << error;
  }
}

TEST_P(ModuleContract, AFacetComesFromTheModuleThatOwnsIt) {
  testing::TestUser manager;
  auto runtime = StartWith(Probe([](module::Module* m) {
    m->start = [](module::ModuleContext& context) {
      module::CustomerFacet facet;
      facet.key = "openTickets";
      facet.recent_key = "recentTickets";
      facet.permission = "customers:read";
      facet.title_zh = "未结工单";
      facet.title_en = "Open tickets";
      facet.read = [](storage::Session&, const std::string& id, const module::Caller&) {
        return module::FacetValue{2, "[{\"customerId\":\"" + id + "\"}]"};
      };
      context.extensions.customer_facets.Add(context.module, facet);
      return std::vector<http::Route>{};
    };
  }), &manager);
  const std::string id = CreateCustomer(*runtime, manager, "广州工单测试有限公司", 1);
  const auto view = Json(testing::HttpCall(runtime->http_port(), "GET",
                                           "/api/v1/customers/" + id + "/overview", "",
                                           testing::BearerHeader(manager))
                             .body);
  const auto counts = view->getObject("counts");
  EXPECT_EQ(0, counts->getValue<int>("contacts"));
  EXPECT_EQ(2, counts->getValue<int>("openTickets"));
  // Titled for the console in the reader's language (the test client asks for English).
  const auto facet = view->getArray("facets")->getObject(0);
  EXPECT_EQ("openTickets", facet->getValue<std::string>("key"));
  EXPECT_EQ("Open tickets", facet->getValue<std::string>("title"));
  EXPECT_EQ(2, facet->getValue<int>("count"));
  EXPECT_FALSE(counts->has("openOpportunities"));  // no module owns it on this node
  EXPECT_EQ(id, view->getArray("recentTickets")->getObject(0)->getValue<std::string>("customerId"));
  EXPECT_EQ(0u, view->getArray("notYetAvailable")->size());
}

TEST_P(ModuleContract, AModuleWritesItsOwnKindsOfLineToTheCustomerTimeline) {
  auto directory = std::make_shared<std::shared_ptr<accounts::CustomerDirectory>>();
  testing::TestUser manager;
  auto runtime = StartWith(Probe([directory](module::Module* m) {
    m->start = [directory](module::ModuleContext& context) {
      context.extensions.timeline_kinds.Add(context.module,
                                            {"probe.noted", "探针记录", "Probe noted"});
      *directory = accounts::OpenCustomerDirectory(context);
      return std::vector<http::Route>{};
    };
  }), &manager);
  const std::string id = CreateCustomer(*runtime, manager, "广州时间线测试有限公司", 2);

  audit::Actor actor;
  actor.username = "probe-job";
  {
    auto session = runtime->storage().Open();
    storage::Transaction transaction(*session);
    (*directory)->AddTimelineEvent(*session, actor, id, "probe.noted", "工单 T-1 已受理");
    EXPECT_THROW((*directory)->AddTimelineEvent(*session, actor, id, "probe.misspelt", "x"),
                 std::logic_error);
    EXPECT_THROW((*directory)->AddTimelineEvent(*session, actor, "no-such-customer",
                                                "probe.noted", "x"),
                 ApiError);
    transaction.Commit();
  }

  auto headers = testing::BearerHeader(manager);
  headers["Accept-Language"] = "en-GB,en;q=0.9";
  const auto english = Json(testing::HttpCall(runtime->http_port(), "GET",
                                              "/api/v1/customers/" + id + "/history", "", headers)
                                .body);
  ASSERT_EQ(2, english->getValue<int>("total"));
  const auto newest = english->getArray("items")->getObject(0);
  EXPECT_EQ("probe.noted", newest->getValue<std::string>("action"));
  EXPECT_EQ("Probe noted", newest->getValue<std::string>("title"));
  EXPECT_EQ("工单 T-1 已受理", newest->getValue<std::string>("summary"));
  EXPECT_EQ("probe-job", newest->getValue<std::string>("actor"));
  EXPECT_EQ("Customer created",
            english->getArray("items")->getObject(1)->getValue<std::string>("title"));
  // The 360° view's history says the same, in Chinese when asked (and by default).
  headers["Accept-Language"] = "zh-CN";
  const auto view = Json(testing::HttpCall(runtime->http_port(), "GET",
                                           "/api/v1/customers/" + id + "/overview", "", headers)
                             .body);
  EXPECT_EQ("探针记录", view->getObject("history")->getArray("items")->getObject(0)->getValue<std::string>("title"));
}

TEST_P(ModuleContract, AReportDatasetIsServedWithinTheCallersScope) {
  app::NodeRuntime runtime(config_);
  runtime.Start();
  const auto now = SystemClock().NowMs();
  const auto hq = testing::AddTestUser(runtime.storage(), "hq-admin", "CN", {"group_admin"}, now);
  const auto manager =
      testing::AddTestUser(runtime.storage(), "gd-pm", "440000", {"province_manager"}, now);
  int code = 10;
  for (const auto& [org, level] : {std::pair{"440100", "local"}, {"440100", "province"},
                                   {"440300", "local"}, {"110000", "local"}}) {
    ASSERT_NE("", CreateCustomer(runtime, hq, "报表测试客户" + std::to_string(code), code, org, level));
    ++code;
  }
  auto get = [&](const testing::TestUser& user, const std::string& target) {
    auto headers = testing::BearerHeader(user);
    headers["Accept-Language"] = "zh-CN,zh;q=0.9";
    return testing::HttpCall(runtime.http_port(), "GET", target, "", headers);
  };

  const auto listed = get(manager, "/api/v1/reports");
  ASSERT_EQ(200, listed.status) << listed.body;
  const auto list = Json(listed.body)->getArray("items");
  ASSERT_EQ(1u, list->size());
  const auto described = list->getObject(0);
  EXPECT_EQ("customers.by_org", described->getValue<std::string>("key"));
  EXPECT_EQ("accounts", described->getValue<std::string>("module"));
  EXPECT_EQ("客户分布（按机构）", described->getValue<std::string>("title"));
  EXPECT_EQ("level", described->getArray("filters")->getObject(1)->getValue<std::string>("key"));

  // The province sees its two local networks, the group every org.
  const auto province = Json(get(manager, "/api/v1/reports/customers.by_org").body);
  const auto rows = province->getArray("rows");
  ASSERT_EQ(2u, rows->size()) << get(manager, "/api/v1/reports/customers.by_org").body;
  EXPECT_EQ("440100", rows->getArray(0)->getElement<std::string>(0));
  EXPECT_EQ("广州市", rows->getArray(0)->getElement<std::string>(1));
  EXPECT_EQ(2, rows->getArray(0)->getElement<int>(2));  // customers
  EXPECT_EQ(2, rows->getArray(0)->getElement<int>(3));  // active
  EXPECT_EQ("money", province->getArray("columns")->getObject(9)->getValue<std::string>("type"));
  EXPECT_EQ(3u, Json(get(hq, "/api/v1/reports/customers.by_org").body)->getArray("rows")->size());
  const auto filtered =
      Json(get(manager, "/api/v1/reports/customers.by_org?level=province").body)->getArray("rows");
  ASSERT_EQ(1u, filtered->size());
  EXPECT_EQ(1, filtered->getArray(0)->getElement<int>(2));

  const auto bad = get(manager, "/api/v1/reports/customers.by_org?level=national");
  EXPECT_EQ(400, bad.status);
  EXPECT_EQ("level", Json(bad.body)->getObject("error")->getValue<std::string>("field")) << bad.body;
  EXPECT_EQ(404, get(manager, "/api/v1/reports/customers.nothing").status);

  // A file is audited; its headers follow lang.
  const auto csv = get(manager, "/api/v1/reports/customers.by_org?format=csv&lang=en");
  ASSERT_EQ(200, csv.status) << csv.body;
  EXPECT_EQ(0u, csv.body.find("\xEF\xBB\xBFOrg code,Org,Customers,")) << csv.body;
  EXPECT_EQ(1, runtime.storage()
                   .Open()
                   ->Query("SELECT COUNT(*) FROM audit_log WHERE action = 'report.export'", {})
                   .ScalarInt());
}

TEST_P(ModuleContract, MonitoringReportsThroughItsLeaderOnlyJob) {
  app::NodeRuntime runtime(config_);
  runtime.Start();
  // The first report comes 5 s after the start.
  std::int64_t rows = 0;
  for (int attempt = 0; attempt < 150 && rows == 0; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    rows = runtime.storage()
               .Open()
               ->Query("SELECT COUNT(*) FROM node_status WHERE id = ?", {std::string("test-group")})
               .ScalarInt();
  }
  EXPECT_EQ(1, rows);
  const auto metrics = testing::HttpGet(runtime.http_port(), "/metrics").body;
  EXPECT_NE(std::string::npos, metrics.find("mams_job_runs_total{job=\"monitoring.report\"} 1"))
      << metrics;
  EXPECT_NE(std::string::npos, metrics.find("mams_job_failures_total{job=\"monitoring.report\"} 0"));
}

MAMS_TEST_ON_BOTH_BACKENDS(ModuleContract);

}  // namespace
}  // namespace mams
