// Customer lists at scale through the real API on both backends: a count that stops at its
// bound and says so, keyset pages that visit every row once in order, and cursors that the
// node did not write refused. The node's bound is 5 here so that a handful of rows reach it.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "tests/support/accounts_fixture.h"
#include "tests/support/credit_codes.h"

namespace mams {
namespace {

using testing::Json;

constexpr int kBound = 5;
constexpr char kTmfList[] = "/tmf-api/customerManagement/v4/customer";

class CustomerListTest : public testing::AccountsTest {
 protected:
  void Configure(config::NodeConfig* config) override { config->http.list_count_bound = kBound; }

  // Five customers in Guangzhou and two in Shenzhen; two pairs share a name.
  void CreateSeven() {
    const char* names[] = {"同名客户", "同名客户", "广州甲公司", "广州乙公司",
                           "广州丙公司", "深圳甲公司", "深圳甲公司"};
    for (int i = 0; i < 7; ++i) {
      Create(gd_manager_, names[i], testing::CreditCodeFor(i + 1), i < 5 ? "440100" : "440300");
    }
  }

  // The list of `query` as `user` says `total` matches, exactly or as a bound, in its body and
  // its headers.
  void ExpectTotal(const testing::TestUser& user, const std::string& query, int total, bool exact) {
    const auto result = Call(user, "GET", "/api/v1/customers?" + query);
    ASSERT_EQ(200, result.status) << query << " " << result.body;
    const auto body = Json(result.body);
    EXPECT_EQ(total, body->getValue<int>("total")) << query;
    EXPECT_EQ(exact, body->getValue<bool>("totalExact")) << query;
    const std::string count = std::to_string(total);
    EXPECT_EQ(exact ? count : "", result.Header("X-Total-Count")) << query;
    EXPECT_EQ(exact ? "" : count, result.Header("X-Total-Count-At-Least")) << query;
  }

  // Ids of the list in one page, then by following `next` two at a time.
  std::vector<std::string> Ids(const std::string& query, int limit) {
    std::vector<std::string> ids;
    std::string target = "/api/v1/customers?limit=" + std::to_string(limit) + "&" + query;
    for (int pages = 0; pages < 20; ++pages) {
      const auto result = Call(analyst_, "GET", target);
      EXPECT_EQ(200, result.status) << target << " " << result.body;
      const auto body = Json(result.body);
      const auto items = body->getArray("items");
      for (std::size_t i = 0; i < items->size(); ++i) {
        ids.push_back(items->getObject(i)->getValue<std::string>("id"));
      }
      if (!body->has("next")) {
        break;
      }
      target = "/api/v1/customers?limit=" + std::to_string(limit) + "&" + query +
               "&after=" + body->getValue<std::string>("next");
    }
    return ids;
  }
};

TEST_P(CustomerListTest, CountStopsAtTheBoundAndSaysSo) {
  CreateSeven();
  const struct {
    std::string query;
    int total;
    bool exact;
  } cases[] = {
      {"limit=2", kBound, false},         // seven match: counting stops at the bound
      {"limit=2&offset=4", kBound, false},
      {"limit=50", 7, true},              // a first page that holds every match knows them all
      {"limit=2&org=440100", 5, true},    // exactly the bound is still exact
      {"limit=2&org=440300", 2, true},
      {"limit=1&q=" + testing::Encode("深圳"), 2, true},
  };
  for (const auto& c : cases) {
    ExpectTotal(analyst_, c.query, c.total, c.exact);
  }
  // TMF629 never sends a bound as X-Total-Count.
  const auto tmf = Call(analyst_, "GET", std::string(kTmfList) + "?limit=2");
  ASSERT_EQ(200, tmf.status) << tmf.body;
  EXPECT_EQ("", tmf.Header("X-Total-Count"));
  EXPECT_EQ(std::to_string(kBound), tmf.Header("X-Total-Count-At-Least"));
  EXPECT_EQ("2", tmf.Header("X-Result-Count"));
  const auto few = Call(analyst_, "GET", std::string(kTmfList) + "?limit=2&name=" + testing::Encode("深圳"));
  EXPECT_EQ("2", few.Header("X-Total-Count"));
}

// The list's search box reads at most 500 matches from the index (docs/search.md, "Lists"):
// beyond them the total says "at least", below them the index's count is the list's.
TEST_P(CustomerListTest, TheSearchBoxCountsFromTheIndexAndSaysWhenItStopped) {
  std::string csv = "客户名称,统一社会信用代码,行业,管理级别,归属机构\n";
  for (int i = 0; i < 501; ++i) {
    csv += "广州星河" + std::to_string(i) + "号科技有限公司," + testing::CreditCodeFor(100 + i) +
           ",I,local,440100\n";
  }
  const auto imported = Call(gd_manager_, "POST", "/api/v1/imports?kind=customers&mode=apply", csv,
                             {{"Content-Type", "text/csv"}});
  ASSERT_EQ(201, imported.status) << imported.body;
  ASSERT_EQ(501, Json(imported.body)->getValue<int>("rowsOk")) << imported.body;
  Create(gd_manager_, "深圳星河物流有限公司", testing::CreditCodeFor(99), "440300");

  const struct {
    std::string query;
    int total;
    bool exact;
  } cases[] = {
      {"q=" + testing::Encode("星河"), 500, false},          // 502 match: the list reads 500
      {"q=" + testing::Encode("深圳星河"), 1, true},
      {"q=" + testing::Encode("星河") + "&org=440300", 1, true},  // another filter: counted
  };
  for (const auto& c : cases) {
    ExpectTotal(analyst_, "limit=20&" + c.query, c.total, c.exact);
  }
  // Shenzhen's staff see their one match, counted from the index within their scope.
  ExpectTotal(sz_staff_, "limit=20&q=" + testing::Encode("星河"), 1, true);
  // An account manager sees only the customers they manage: none of the 500 the index gave,
  // and whether one of the others is theirs is not known ("0+").
  ExpectTotal(gz_am_, "limit=20&q=" + testing::Encode("星河"), 0, false);
}

TEST_P(CustomerListTest, CursorPagesVisitEveryRowOnceInOrderEvenWithEqualKeys) {
  CreateSeven();
  // Every customer has valueGrade D and revenue 0, and two pairs share a name: ties that
  // only the id breaks.
  for (const std::string sort : {"name", "-name", "valueGrade", "-valueGrade", "revenue12m",
                                 "-revenue12m", "-updatedAt", "createdAt", "customerNo"}) {
    const auto whole = Ids("sort=" + sort, 50);
    ASSERT_EQ(7u, whole.size()) << sort;
    EXPECT_EQ(7u, std::set<std::string>(whole.begin(), whole.end()).size()) << sort;
    EXPECT_EQ(whole, Ids("sort=" + sort, 2)) << sort;
    EXPECT_EQ(whole, Ids("sort=" + sort, 1)) << sort;
  }
  // Filters apply to every page after a cursor as to the first.
  EXPECT_EQ(Ids("org=440100&sort=name", 50), Ids("org=440100&sort=name", 2));
  EXPECT_EQ(5u, Ids("org=440100&sort=name", 2).size());
}

TEST_P(CustomerListTest, CursorsTheNodeDidNotWriteAreRefusedNamingAfter) {
  CreateSeven();
  const auto first = Json(Call(analyst_, "GET", "/api/v1/customers?sort=name&limit=2").body);
  const std::string next = first->getValue<std::string>("next");
  std::string tampered = next;
  tampered[next.size() / 2] = tampered[next.size() / 2] == 'A' ? 'B' : 'A';
  const struct {
    std::string query;
    std::string field;
  } cases[] = {
      {"sort=name&after=garbage", "after"},
      {"sort=name&after=" + tampered, "after"},
      {"sort=name&after=" + next.substr(0, next.size() - 2), "after"},
      {"sort=-name&after=" + next, "after"},  // another sort's cursor
      {"after=" + next, "after"},             // the default sort is -updatedAt
      {"sort=name&offset=2&after=" + next, "after"},
      {"sort=name&after=", "after"},
      {"offset=10001", "offset"},
  };
  for (const auto& c : cases) {
    const auto result = Call(analyst_, "GET", "/api/v1/customers?" + c.query);
    EXPECT_EQ(400, result.status) << c.query << " " << result.body;
    if (result.status == 400) {
      EXPECT_EQ(c.field, testing::Field(result)) << c.query;
    }
  }
  EXPECT_EQ(200, Call(analyst_, "GET", "/api/v1/customers?sort=name&after=" + next).status);
  EXPECT_EQ(200, Call(analyst_, "GET", "/api/v1/customers?offset=10000").status);
}

MAMS_TEST_ON_BOTH_BACKENDS(CustomerListTest);

}  // namespace
}  // namespace mams
