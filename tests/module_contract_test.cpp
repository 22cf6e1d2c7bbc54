// The module contract on a real node, on both backends: a wrong declaration stops the start
// with a message naming the module; a module's 360° facet, job and gauge are served.
#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "node/app/module_list.h"
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
  auto modules = app::AllModules();
  modules.push_back(Probe([](module::Module* m) {
    m->start = [](module::ModuleContext& context) {
      module::CustomerFacet facet;
      facet.key = "openTickets";
      facet.recent_key = "recentTickets";
      facet.permission = "customers:read";
      facet.read = [](storage::Session&, const std::string& id, const module::Caller&) {
        return module::FacetValue{2, "[{\"customerId\":\"" + id + "\"}]"};
      };
      context.extensions.customer_facets.Add(context.module, facet);
      return std::vector<http::Route>{};
    };
  }));
  app::NodeRuntime runtime(config_, std::move(modules));
  runtime.Start();
  const auto manager = testing::AddTestUser(runtime.storage(), "gd-pm", "440000",
                                            {"province_manager"}, SystemClock().NowMs());
  const auto created = testing::HttpCall(
      runtime.http_port(), "POST", "/api/v1/customers",
      "{\"name\":\"广州工单测试有限公司\",\"industry\":\"I\",\"level\":\"local\",\"org\":\"440100\","
      "\"creditCode\":\"" + testing::CreditCodeFor(1) + "\"}",
      testing::BearerHeader(manager));
  ASSERT_EQ(201, created.status) << created.body;
  const std::string id = Json(created.body)->getValue<std::string>("id");
  const auto view = Json(testing::HttpCall(runtime.http_port(), "GET",
                                           "/api/v1/customers/" + id + "/overview", "",
                                           testing::BearerHeader(manager))
                             .body);
  const auto counts = view->getObject("counts");
  EXPECT_EQ(0, counts->getValue<int>("contacts"));
  EXPECT_EQ(2, counts->getValue<int>("openTickets"));
  EXPECT_FALSE(counts->has("openOpportunities"));  // no module owns it on this node
  EXPECT_EQ(id, view->getArray("recentTickets")->getObject(0)->getValue<std::string>("customerId"));
  EXPECT_EQ(0u, view->getArray("notYetAvailable")->size());
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
