// The 360° overview, exports, duplicates and merge, and grading rules through the real API
// on both backends.
#include "modules/accounts/grading/value_grade.h"
#include "tests/support/accounts_fixture.h"

namespace mams {
namespace {

using testing::Json;
using ViewsTest = testing::AccountsTest;

class CustomerViews : public ViewsTest {
 protected:
  void Revenue(const std::string& customer_no, const std::string& month, const std::string& yuan) {
    const auto result = Call(
        gd_manager_, "POST", "/api/v1/imports?kind=revenue&mode=apply",
        "customerNo,product,month,amount\n" + customer_no + ",云服务," + month + "," + yuan + "\n");
    ASSERT_EQ(1, Json(result.body)->getValue<int>("rowsOk")) << result.body;
  }
  std::string NumberOf(const std::string& id) {
    return Json(Call(gd_manager_, "GET", "/api/v1/customers/" + id).body)
        ->getValue<std::string>("customerNo");
  }
};

TEST_P(CustomerViews, OverviewGathersEverythingInOneCall) {
  const std::string hq =
      Create(gd_manager_, "广东能源集团有限公司", "91440300708461136T", "440000");
  const std::string branch = Create(gd_manager_, "广东能源集团有限公司广州分公司",
                                    "91110000802100433B", "440100", ",\"parentId\":\"" + hq + "\"");
  ASSERT_EQ(201, PostTo(gd_manager_, branch, "contacts",
                        "{\"name\":\"刘洋\",\"role\":\"technical\",\"mobile\":\"13700001111\"}"));
  ASSERT_EQ(201, PostTo(gd_manager_, branch, "visits",
                        "{\"date\":\"2026-11-01\",\"type\":\"meeting\",\"content\":\"续约洽谈\"}"));
  const auto window = accounts::Last12Months(SystemClock().NowMs());
  Revenue(NumberOf(branch), window.last, "1200.50");
  Revenue(NumberOf(branch), window.first, "100");

  const auto result = Call(sz_staff_, "GET", "/api/v1/customers/" + branch + "/overview");
  EXPECT_EQ(404, result.status);  // Shenzhen staff do not see Guangzhou
  const auto view = Json(Call(analyst_, "GET", "/api/v1/customers/" + branch + "/overview").body);
  EXPECT_EQ(branch, view->getObject("customer")->getValue<std::string>("id"));
  EXPECT_EQ(hq, view->getObject("parent")->getValue<std::string>("id"));
  EXPECT_EQ("137****1111",
            view->getArray("contacts")->getObject(0)->getValue<std::string>("mobile"));
  const auto revenue = view->getObject("revenue");
  ASSERT_EQ(12u, revenue->getArray("months")->size());
  EXPECT_EQ(window.first,
            revenue->getArray("months")->getObject(0)->getValue<std::string>("month"));
  EXPECT_EQ(10000, revenue->getArray("months")->getObject(0)->getValue<std::int64_t>("amount"));
  EXPECT_EQ(0, revenue->getArray("months")->getObject(5)->getValue<std::int64_t>("amount"));
  EXPECT_EQ(130050, revenue->getValue<std::int64_t>("total"));
  EXPECT_EQ("云服务", view->getArray("products")->getObject(0)->getValue<std::string>("product"));
  // Facets come from the modules that own them; no module of this node owns tickets.
  EXPECT_FALSE(view->getObject("counts")->has("openTickets"));
  EXPECT_EQ(1, view->getObject("counts")->getValue<int>("visits"));
  EXPECT_EQ(1u, view->getArray("recentVisits")->size());
  EXPECT_GE(view->getObject("history")->getValue<int>("total"), 3);
  const auto head = Json(Call(analyst_, "GET", "/api/v1/customers/" + hq + "/overview").body);
  EXPECT_EQ(1, head->getObject("branches")->getValue<int>("total"));
}

TEST_P(CustomerViews, DashboardCountsWhatTheCallerSeesAndRollsUpToChildOrgs) {
  const std::string gz = Create(gd_manager_, "广州数据港科技有限公司", "91440300708461136T",
                                "440100", ",\"state\":\"active\"");
  Create(gd_manager_, "深圳湾物流有限公司", "91110000802100433B", "440300");
  Create(gd_manager_, "广东省电力设计院", "91350100M000100Y43", "440000", ",\"state\":\"active\"");
  const auto window = accounts::Last12Months(SystemClock().NowMs());
  Revenue(NumberOf(gz), window.last, "5000");

  const auto group = Json(Call(analyst_, "GET", "/api/v1/dashboard").body);
  EXPECT_EQ("CN", group->getValue<std::string>("org"));
  EXPECT_EQ(3, group->getValue<int>("total"));
  EXPECT_EQ(2, group->getObject("byState")->getValue<int>("active"));
  EXPECT_EQ(1, group->getObject("byState")->getValue<int>("potential"));
  EXPECT_EQ(3, group->getObject("byIndustry")->getValue<int>("I"));
  EXPECT_EQ(3, group->getObject("byChildOrg")->getValue<int>("440000"));  // 广东 for the map
  const auto months = group->getArray("revenue");
  ASSERT_EQ(12u, months->size());
  EXPECT_EQ(window.last, months->getObject(11)->getValue<std::string>("month"));
  EXPECT_EQ(500000, months->getObject(11)->getValue<std::int64_t>("amount"));
  EXPECT_EQ(gz, group->getArray("top")->getObject(0)->getValue<std::string>("id"));

  const auto province = Json(Call(gd_manager_, "GET", "/api/v1/dashboard").body);
  EXPECT_EQ("440000", province->getValue<std::string>("org"));
  EXPECT_EQ(1, province->getObject("byChildOrg")->getValue<int>("440100"));
  EXPECT_EQ(1, province->getObject("byChildOrg")->getValue<int>("440300"));
  EXPECT_FALSE(province->getObject("byChildOrg")->has("440000"));

  const auto shenzhen = Json(Call(sz_staff_, "GET", "/api/v1/dashboard").body);
  EXPECT_EQ(1, shenzhen->getValue<int>("total"));
  EXPECT_EQ(0, shenzhen->getArray("revenue")->getObject(11)->getValue<std::int64_t>("amount"));
  const auto narrowed = Json(Call(analyst_, "GET", "/api/v1/dashboard?org=440100").body);
  EXPECT_EQ(1, narrowed->getValue<int>("total"));
  const auto beside = Call(sz_staff_, "GET", "/api/v1/dashboard?org=440100");
  EXPECT_EQ(404, beside.status);
  EXPECT_EQ("org", Field(beside));
  // The figures of one view are kept for 30 s and say when they were read.
  Create(gd_manager_, "广州后来客户", "91110108551385082Q", "440100");
  const auto again = Json(Call(analyst_, "GET", "/api/v1/dashboard").body);
  EXPECT_EQ(3, again->getValue<int>("total"));
  EXPECT_EQ(group->getValue<std::string>("asOf"), again->getValue<std::string>("asOf"));
  EXPECT_EQ(
      4, Json(Call(analyst_, "GET", "/api/v1/dashboard?org=440000").body)->getValue<int>("total"));
  // An account manager's dashboard counts only the customers assigned to them.
  EXPECT_EQ(0, Json(Call(gz_am_, "GET", "/api/v1/dashboard").body)->getValue<int>("total"));
}

TEST_P(CustomerViews, MergeMovesEverythingAndLeavesATombstone) {
  const std::string keep =
      Create(gd_manager_, "佛山陶瓷科技有限公司", "91440300708461136T", "440600");
  const std::string twin = Create(gd_manager_, "佛山陶瓷科技股份有限公司", "91110000802100433B",
                                  "440600", ",\"tags\":[\"陶瓷\"]");
  ASSERT_EQ(201, PostTo(gd_manager_, twin, "contacts", "{\"name\":\"周敏\",\"role\":\"finance\"}"));
  const auto window = accounts::Last12Months(SystemClock().NowMs());
  Revenue(NumberOf(twin), window.last, "500");
  Revenue(NumberOf(keep), window.last, "300");
  const auto duplicates =
      Json(Call(analyst_, "GET", "/api/v1/customers/duplicates?org=440000").body);
  ASSERT_EQ(1, duplicates->getValue<int>("total"));
  EXPECT_EQ(2u, duplicates->getArray("items")->getObject(0)->getArray("customers")->size());

  const std::string path = "/api/v1/customers/" + keep + "/merge";
  EXPECT_EQ(
      422,
      Call(gd_manager_, "POST", path, "{\"from\":\"" + keep + "\",\"reason\":\"重复\"}").status);
  EXPECT_EQ(422,
            Call(gd_manager_, "POST", path, "{\"from\":\"" + twin + "\",\"reason\":\"\"}").status);
  EXPECT_EQ(
      403, Call(sz_staff_, "POST", path, "{\"from\":\"" + twin + "\",\"reason\":\"重复\"}").status);
  const auto merged = Call(gd_manager_, "POST", path,
                           "{\"from\":\"" + twin + "\",\"reason\":\"同一客户重复建档\"}");
  ASSERT_EQ(200, merged.status) << merged.body;
  EXPECT_EQ(80000, Json(merged.body)->getValue<std::int64_t>("revenue12m"));
  EXPECT_EQ(404, Call(gd_manager_, "GET", "/api/v1/customers/" + twin).status);
  const auto session = runtime_->storage().Open();
  EXPECT_EQ(keep,
            session->Query("SELECT merged_into FROM customers WHERE id = ?", {twin})[0].Text(0));
  EXPECT_EQ(1, Json(Call(gd_manager_, "GET", "/api/v1/customers/" + keep + "/contacts").body)
                   ->getValue<int>("total"));
  const auto history =
      Json(Call(gd_manager_, "GET", "/api/v1/customers/" + keep + "/history").body);
  std::set<std::string> actions;
  for (std::size_t i = 0; i < history->getArray("items")->size(); ++i) {
    actions.insert(history->getArray("items")->getObject(i)->getValue<std::string>("action"));
  }
  EXPECT_TRUE(actions.count("customer.merge"));
  EXPECT_TRUE(actions.count("customer.merged_away"));  // the loser's history moved too
  EXPECT_TRUE(actions.count("contact.create"));
  EXPECT_EQ(
      0, Json(Call(analyst_, "GET", "/api/v1/customers/duplicates").body)->getValue<int>("total"));
}

TEST_P(CustomerViews, ExportsFollowFiltersPermissionAndAreAudited) {
  Create(gd_manager_, "广州出口测试甲有限公司", "91440300708461136T", "440100",
         ",\"tags\":[\"ICT\"]");
  Create(gd_manager_, "深圳出口测试乙有限公司", "91110000802100433B", "440300");
  const auto csv = Call(analyst_, "GET", "/api/v1/customers/export?format=csv&tag=ICT");
  ASSERT_EQ(200, csv.status) << csv.body;
  EXPECT_NE(std::string::npos, csv.body.find("客户编号"));
  EXPECT_NE(std::string::npos, csv.body.find("广州出口测试甲有限公司"));
  EXPECT_EQ(std::string::npos, csv.body.find("深圳出口测试乙有限公司"));
  const auto english = Call(analyst_, "GET", "/api/v1/customers/export?format=csv&lang=en");
  EXPECT_NE(std::string::npos, english.body.find("Customer no."));
  const auto xlsx = Call(analyst_, "GET", "/api/v1/customers/export?format=xlsx");
  ASSERT_EQ(200, xlsx.status);
  EXPECT_EQ(0u, xlsx.body.rfind("PK\x03\x04", 0));
  EXPECT_NE(std::string::npos, xlsx.Header("Content-Type").find("spreadsheetml"));
  EXPECT_EQ(403, Call(sz_staff_, "GET", "/api/v1/customers/export").status);
  EXPECT_EQ(400, Call(analyst_, "GET", "/api/v1/customers/export?format=pdf").status);
  EXPECT_EQ(3, runtime_->storage()
                   .Open()
                   ->Query("SELECT COUNT(*) FROM audit_log WHERE action = 'customers.export'")
                   .ScalarInt());
}

TEST_P(CustomerViews, GradingRulesRegradeTheirSubtree) {
  const std::string id =
      Create(gd_manager_, "东莞分级测试有限公司", "91440300708461136T", "441900");
  const auto window = accounts::Last12Months(SystemClock().NowMs());
  Revenue(NumberOf(id), window.last, "2000");  // 200,000 fen: D by default
  const std::string rule = "/api/v1/grading-rules/440000";
  EXPECT_EQ(422, Call(gd_manager_, "PUT", rule, "{\"aMin\":100,\"bMin\":200,\"cMin\":50}").status);
  EXPECT_EQ(
      403,
      Call(sz_staff_, "PUT", rule, "{\"aMin\":300000,\"bMin\":200000,\"cMin\":100000}").status);
  EXPECT_EQ(404, Call(gd_manager_, "PUT", "/api/v1/grading-rules/110000",
                      "{\"aMin\":300000,\"bMin\":200000,\"cMin\":100000}")
                     .status);
  const auto set =
      Call(gd_manager_, "PUT", rule, "{\"aMin\":300000,\"bMin\":200000,\"cMin\":100000}");
  ASSERT_EQ(200, set.status) << set.body;
  EXPECT_EQ(1, Json(set.body)->getValue<int>("regraded"));
  EXPECT_EQ("B", Json(Call(gd_manager_, "GET", "/api/v1/customers/" + id).body)
                     ->getValue<std::string>("valueGrade"));
  const auto rules = Json(Call(sz_staff_, "GET", "/api/v1/grading-rules").body);
  EXPECT_EQ(300000, rules->getObject("effective")->getValue<std::int64_t>("aMin"));  // inherited
  EXPECT_EQ(
      1,
      Json(Call(analyst_, "GET", "/api/v1/customers?valueGrade=B").body)->getValue<int>("total"));
}

MAMS_TEST_ON_BOTH_BACKENDS(CustomerViews);

}  // namespace
}  // namespace mams
