// Customer profiles through the real API on both backends: validation, uniqueness, state
// machine, versions, visibility (scope and own customers), list filters and audit.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "node/app/module_list.h"
#include "node/app/node_runtime.h"
#include "node/common/clock.h"
#include "tests/support/accounts_fixture.h"
#include "tests/support/credit_codes.h"

namespace mams {
namespace {

using testing::HttpResult;

using testing::Encode;
using testing::Field;
using testing::Json;
using CustomersTest = testing::AccountsTest;

TEST_P(CustomersTest, CreateValidatesEveryFieldAndNamesIt) {
  const struct {
    std::string body;
    int status;
    std::string field;
  } cases[] = {
      {Body("广州某某科技有限公司", "91440300708461136X", "440100"), 422, "creditCode"},
      {Body("广州某某科技有限公司", "9144030070846113", "440100"), 422, "creditCode"},
      {"{\"name\":\"x\",\"creditCode\":\"91440300708461136T\",\"industry\":\"Z\",\"level\":\"local\",\"org\":\"440100\"}", 422, "industry"},
      {"{\"name\":\"x\",\"creditCode\":\"91440300708461136T\",\"industry\":\"I\",\"level\":\"city\",\"org\":\"440100\"}", 422, "level"},
      {Body("北京客户", "91440300708461136T", "110000"), 422, "org"},
      {Body("广州客户", "91440300708461136T", "999999"), 422, "org"},
      {"{\"creditCode\":\"91440300708461136T\",\"industry\":\"I\",\"level\":\"local\",\"org\":\"440100\"}", 422, "name"},
      {Body("广州客户", "91440300708461136T", "440100", ",\"colour\":\"red\""), 422, "colour"},
      {Body("广州客户", "91440300708461136T", "440100", ",\"state\":\"churned\""), 422, "state"},
      {Body("广州客户", "91440300708461136T", "440100", ",\"parentId\":\"nope\""), 422, "parentId"},
      {Body("广州客户", "91440300708461136T", "440100", ",\"managers\":[\"ghost\"]"), 422, "managers"},
      {Body("广州客户", "91440300708461136T", "440100", ",\"tags\":[\"a,b\"]"), 422, "tags"},
      {Body("广州客户", "91440300708461136T", "440100", ",\"customerNo\":\"KH 01\""), 422, "customerNo"},
      {Body("广州客户", "91440300708461136T", "440100", ",\"customerNo\":\"" + std::string(33, '9') + "\""), 422, "customerNo"},
  };
  for (const auto& c : cases) {
    const auto result = Call(gd_manager_, "POST", "/api/v1/customers", c.body);
    EXPECT_EQ(c.status, result.status) << c.body << " → " << result.body;
    if (result.status == c.status) {
      EXPECT_EQ(c.field, Field(result)) << c.body;
    }
  }
  EXPECT_EQ(400, Call(gd_manager_, "POST", "/api/v1/customers", "{\"name\":").status);
}

TEST_P(CustomersTest, ControlCharactersInTextAreRefusedNamingTheField) {
  // JSON escapes: \u0000 arrives as a NUL byte in the text.
  const struct {
    std::string extra;
    std::string field;
  } refused[] = {
      {",\"remarks\":\"前\\u0000后\"", "remarks"},
      {",\"remarks\":\"响\\u0007铃\"", "remarks"},
      {",\"remarks\":\"删\\u007f除\"", "remarks"},
      {",\"address\":\"天河路\\n1号\"", "address"},
      {",\"address\":\"天河路\\t1号\"", "address"},
      {",\"tags\":[\"ICT\",\"重\\u001f点\"]", "tags"},
  };
  for (const auto& c : refused) {
    const auto result =
        Call(gd_manager_, "POST", "/api/v1/customers",
             Body("广州某某科技有限公司", "91440300708461136T", "440100", c.extra));
    EXPECT_EQ(422, result.status) << c.extra << " → " << result.body;
    if (result.status == 422) {
      EXPECT_EQ(c.field, Field(result)) << c.extra;
      EXPECT_EQ("control_character",
                Json(result.body)->getObject("error")->getValue<std::string>("code"));
    }
  }
  EXPECT_EQ(422, Call(gd_manager_, "POST", "/api/v1/customers",
                      Body("广州\\u0000某某", "91440300708461136T", "440100")).status);
  // Remarks span lines: tab, LF and CR are theirs.
  const std::string id = Create(gd_manager_, "广州某某科技有限公司", "91440300708461136T", "440100",
                                ",\"remarks\":\"第一行\\r\\n第二行\\t尾\"");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ("第一行\r\n第二行\t尾", Json(Call(gd_manager_, "GET", "/api/v1/customers/" + id).body)
                                     ->getValue<std::string>("remarks"));
  const auto patched = Call(gd_manager_, "PATCH", "/api/v1/customers/" + id,
                            "{\"name\":\"广州\\u0000截断\"}");
  EXPECT_EQ(422, patched.status) << patched.body;
  EXPECT_EQ("name", Field(patched));
  const auto state = Call(gd_manager_, "POST", "/api/v1/customers/" + id + "/state",
                          "{\"state\":\"active\",\"reason\":\"签\\u0000约\"}");
  EXPECT_EQ(422, state.status) << state.body;
  EXPECT_EQ("reason", Field(state));
  EXPECT_EQ(0, AuditCount("customer.update", id));
}

TEST_P(CustomersTest, CreditCodesAreUniqueAndLookAlikeNamesAreReported) {
  const std::string first = Create(gd_manager_, "广州某某科技有限公司", "91440300708461136T", "440100",
                                   ",\"tags\":[\"ICT\",\"重点\"],\"address\":\"天河路1号\"");
  const auto again = Call(gd_manager_, "POST", "/api/v1/customers",
                          Body("另一家公司", "91440300708461136T", "440100"));
  EXPECT_EQ(409, again.status);
  EXPECT_EQ("creditCode", Field(again));
  const auto similar = Call(gd_manager_, "POST", "/api/v1/customers",
                            Body("广州某某科技股份有限公司", "91110000802100433B", "440100"));
  ASSERT_EQ(201, similar.status) << similar.body;
  const auto duplicates = Json(similar.body)->getArray("possibleDuplicates");
  ASSERT_EQ(1u, duplicates->size());
  EXPECT_EQ(first, duplicates->getObject(0)->getValue<std::string>("id"));
  EXPECT_EQ(1, AuditCount("customer.create", first));
}

TEST_P(CustomersTest, StateMachineRefusesIllegalChangesAndKeepsHistory) {
  const std::string id = Create(gd_manager_, "深圳客户", "91440300708461136T", "440300");
  const std::string path = "/api/v1/customers/" + id + "/state";
  auto change = [&](const std::string& state, const std::string& reason = "业务需要") {
    return Call(gd_manager_, "POST", path, "{\"state\":\"" + state + "\",\"reason\":\"" + reason + "\"}");
  };
  EXPECT_EQ(422, change("suspended").status);  // potential cannot be suspended
  EXPECT_EQ(422, change("active", "").status);  // a reason is required
  EXPECT_EQ(200, change("active").status);
  EXPECT_EQ(200, change("suspended").status);
  EXPECT_EQ(200, change("churned").status);
  const auto potential = change("potential");
  EXPECT_EQ(422, potential.status);
  EXPECT_NE(std::string::npos, Json(potential.body)->getObject("error")->getValue<std::string>("message").find("active"));
  EXPECT_EQ(200, change("active", "赢回").status);  // win-back
  EXPECT_EQ(4, runtime_->storage().Open()->Query(
                   "SELECT COUNT(*) FROM customer_state_changes WHERE customer_id = ?", {id}).ScalarInt());
  EXPECT_EQ(4, AuditCount("customer.state_change", id));
  const auto changes = Json(Call(analyst_, "GET", "/api/v1/customers/" + id + "/state-changes").body);
  ASSERT_EQ(4, changes->getValue<int>("total"));
  EXPECT_EQ("赢回", changes->getArray("items")->getObject(0)->getValue<std::string>("reason"));
  EXPECT_EQ("churned", changes->getArray("items")->getObject(0)->getValue<std::string>("from"));
}

TEST_P(CustomersTest, VersionsGuardConcurrentEdits) {
  const std::string id = Create(gd_manager_, "东莞客户", "91440300708461136T", "441900");
  const auto got = Call(gd_manager_, "GET", "/api/v1/customers/" + id);
  // The ETag is the row's version (a hybrid-clock value, docs/sync-protocol.md §2).
  const std::int64_t version = Json(got.body)->getValue<std::int64_t>("version");
  const std::string etag = "\"" + std::to_string(version) + "\"";
  EXPECT_EQ(etag, got.Header("ETag"));
  const auto first = Call(gd_manager_, "PATCH", "/api/v1/customers/" + id, "{\"address\":\"东城\"}",
                          {{"If-Match", etag}});
  EXPECT_EQ(200, first.status) << first.body;
  EXPECT_GT(Json(first.body)->getValue<std::int64_t>("version"), version);
  const auto stale = Call(gd_manager_, "PATCH", "/api/v1/customers/" + id, "{\"address\":\"南城\"}",
                          {{"If-Match", etag}});
  EXPECT_EQ(409, stale.status);
  EXPECT_EQ(422, Call(gd_manager_, "PATCH", "/api/v1/customers/" + id, "{\"parentId\":\"" + id + "\"}").status);
  EXPECT_EQ(422, Call(gd_manager_, "PATCH", "/api/v1/customers/" + id, "{\"state\":\"active\"}").status);
}

TEST_P(CustomersTest, VisibilityFollowsScopeAndOwnCustomers) {
  const std::string gz = Create(gd_manager_, "广州客户甲", "91440300708461136T", "440100");
  const std::string sz = Create(gd_manager_, "深圳客户乙", "91110000802100433B", "440300");
  // Shenzhen staff cannot see Guangzhou's customer; the answer is the same as for no customer.
  EXPECT_EQ(404, Call(sz_staff_, "GET", "/api/v1/customers/" + gz).status);
  EXPECT_EQ(200, Call(sz_staff_, "GET", "/api/v1/customers/" + sz).status);
  EXPECT_EQ(403, Call(sz_staff_, "PATCH", "/api/v1/customers/" + sz, "{\"address\":\"x\"}").status);
  // The account manager sees only assigned customers, and what they create is assigned to them.
  EXPECT_EQ(404, Call(gz_am_, "GET", "/api/v1/customers/" + gz).status);
  const std::string own = Create(gz_am_, "广州客户丙", "91110108551385082Q", "440100");
  const auto mine = Json(Call(gz_am_, "GET", "/api/v1/customers").body);
  ASSERT_EQ(1, mine->getValue<int>("total"));
  EXPECT_EQ(own, mine->getArray("items")->getObject(0)->getValue<std::string>("id"));
  EXPECT_EQ(200, Call(gd_manager_, "PATCH", "/api/v1/customers/" + gz,
                      "{\"managers\":[\"" + gz_am_.id + "\"]}").status);
  EXPECT_EQ(200, Call(gz_am_, "GET", "/api/v1/customers/" + gz).status);
  EXPECT_EQ(2, Json(Call(gz_am_, "GET", "/api/v1/customers").body)->getValue<int>("total"));
}

TEST_P(CustomersTest, AnAccountManagerWhoHandsACustomerOverGetsTheRowAsWrittenAndTheNodeLives) {
  const auto other = testing::AddTestUser(runtime_->storage(), "gz-am2", "440100",
                                          {"account_manager"}, SystemClock().NowMs());
  // The service adds the caller to the managers; the caller then leaves only the other one.
  const std::string id = Create(gz_am_, "广州交接客户", "91440300708461136T", "440100",
                                ",\"managers\":[\"" + other.id + "\"]");
  ASSERT_FALSE(id.empty());
  const auto before = Json(Call(gz_am_, "GET", "/api/v1/customers/" + id).body);
  const auto patched = Call(gz_am_, "PATCH", "/api/v1/customers/" + id,
                            "{\"managers\":[\"" + other.id + "\"],\"remarks\":\"交给同事\"}");
  ASSERT_EQ(200, patched.status) << patched.body;
  EXPECT_EQ("true", patched.Header("X-MAMS-Out-Of-Scope"));
  const auto body = Json(patched.body);
  EXPECT_EQ(id, body->getValue<std::string>("id"));
  EXPECT_EQ("交给同事", body->getValue<std::string>("remarks"));
  ASSERT_EQ(1u, body->getArray("managers")->size());
  EXPECT_EQ(other.id, body->getArray("managers")->getElement<std::string>(0));
  // Server-set fields are those stored, not the ones read before the write.
  EXPECT_GT(body->getValue<std::int64_t>("version"), before->getValue<std::int64_t>("version"));
  EXPECT_EQ(body->getValue<std::string>("updatedAt"),
            Json(Call(gd_manager_, "GET", "/api/v1/customers/" + id).body)
                ->getValue<std::string>("updatedAt"));
  EXPECT_EQ(1, AuditCount("customer.update", id));
  // The node still answers; the customer is now out of the caller's sight.
  EXPECT_EQ(404, Call(gz_am_, "GET", "/api/v1/customers/" + id).status);
  EXPECT_EQ(200, Call(other, "GET", "/api/v1/customers/" + id).status);
  // A change that keeps the customer in sight carries no such header.
  const auto kept = Call(other, "PATCH", "/api/v1/customers/" + id, "{\"address\":\"天河路1号\"}");
  EXPECT_EQ(200, kept.status) << kept.body;
  EXPECT_EQ("", kept.Header("X-MAMS-Out-Of-Scope"));
}

TEST_P(CustomersTest, ListFiltersSortsAndPages) {
  Create(gd_manager_, "广州移动互联科技有限公司", "91440300708461136T", "440100", ",\"tags\":[\"ICT\"]");
  const std::string sz = Create(gd_manager_, "深圳华南制造有限公司", "91110000802100433B", "440300",
                                ",\"relationshipGrade\":\"partner\"");
  Create(gd_manager_, "佛山陶瓷集团", "91110108551385082Q", "440600");
  Call(gd_manager_, "POST", "/api/v1/customers/" + sz + "/state", "{\"state\":\"active\",\"reason\":\"签约\"}");
  auto total = [this](const std::string& query) {
    const auto result = Call(analyst_, "GET", "/api/v1/customers?" + query);
    EXPECT_EQ(200, result.status) << query << " " << result.body;
    return result.status == 200 ? Json(result.body)->getValue<int>("total") : -1;
  };
  EXPECT_EQ(3, total(""));
  EXPECT_EQ(1, total("q=" + Encode("华南")));
  EXPECT_EQ(1, total("state=active"));
  EXPECT_EQ(1, total("relationshipGrade=partner"));
  EXPECT_EQ(1, total("tag=ICT"));
  EXPECT_EQ(3, total("org=440000"));
  EXPECT_EQ(1, total("org=440300"));
  EXPECT_EQ(0, total("org=110000"));
  EXPECT_EQ(1, total("creditCode=91110000802100433B"));
  EXPECT_EQ(3, total("industry=I&level=local"));
  EXPECT_EQ(3, total("valueGrade=D"));
  const auto page = Json(Call(analyst_, "GET", "/api/v1/customers?sort=name&limit=2&offset=1").body);
  EXPECT_EQ(2u, page->getArray("items")->size());
  EXPECT_EQ(400, Call(analyst_, "GET", "/api/v1/customers?sort=creditCode").status);
  EXPECT_EQ(0, Json(Call(sz_staff_, "GET", "/api/v1/customers?org=440100").body)->getValue<int>("total"));
}

TEST_P(CustomersTest, PercentAndUnderscoreAreNeverWildcards) {
  const std::string percent = Create(gd_manager_, "100%达标", testing::CreditCodeFor(1), "440100",
                                     ",\"tags\":[\"5%\",\"A_B\"]");
  const std::string letter = Create(gd_manager_, "100X达标", testing::CreditCodeFor(2), "440100",
                                    ",\"tags\":[\"5X\",\"AXB\"]");
  const std::string underscore =
      Create(gd_manager_, "客户_甲", testing::CreditCodeFor(3), "440100");
  const std::string other = Create(gd_manager_, "客户乙甲", testing::CreditCodeFor(4), "440100");
  const auto ids = [this](const std::string& query) {
    const auto result = Call(analyst_, "GET", "/api/v1/customers?" + query);
    EXPECT_EQ(200, result.status) << query << " " << result.body;
    std::vector<std::string> found;
    const auto items = Json(result.body)->getArray("items");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
      found.push_back(items->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
    }
    return found;
  };
  using Ids = std::vector<std::string>;
  // The search box reads words (docs/search.md): punctuation separates them, so `%` and `_`
  // alone find nothing rather than everything.
  EXPECT_EQ(Ids{}, ids("q=" + Encode("%")));
  EXPECT_EQ(Ids{}, ids("q=" + Encode("_")));
  EXPECT_EQ(2u, ids("q=" + Encode("100%")).size());
  auto both = ids("q=" + Encode("客户_"));
  Ids expected{underscore, other};
  std::sort(both.begin(), both.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(expected, both);
  EXPECT_EQ(Ids{percent}, ids("tag=" + Encode("5%")));
  EXPECT_EQ(Ids{percent}, ids("tag=" + Encode("A_B")));
  EXPECT_EQ(Ids{letter}, ids("tag=AXB"));
  EXPECT_EQ(Ids{}, ids("q=" + Encode("!")));
  EXPECT_EQ(Ids{}, ids("q=" + Encode("\\")));
  EXPECT_EQ(2u, ids("q=" + Encode("100")).size());
  EXPECT_EQ(Ids{other}, ids("q=" + Encode("乙甲")));
}

TEST_P(CustomersTest, DeletedCustomersDisappearButAreAudited) {
  const std::string id = Create(gd_manager_, "待删除客户", "91440300708461136T", "440100");
  EXPECT_EQ(409, Call(gd_manager_, "DELETE", "/api/v1/customers/" + id, "", {{"If-Match", "\"7\""}}).status);
  EXPECT_EQ(200, Call(gd_manager_, "DELETE", "/api/v1/customers/" + id).status);
  EXPECT_EQ(404, Call(gd_manager_, "GET", "/api/v1/customers/" + id).status);
  EXPECT_EQ(1, AuditCount("customer.delete", id));
  EXPECT_EQ(1, runtime_->storage().Open()->Query(
                   "SELECT COUNT(*) FROM customers WHERE id = ? AND deleted = 1", {id}).ScalarInt());
}

MAMS_TEST_ON_BOTH_BACKENDS(CustomersTest);

}  // namespace
}  // namespace mams
