// The search index and the search box through the real API on both backends: Chinese pairs,
// pinyin and initials, numbers; the index following every write; scope; contacts by whole
// phone number, logged; hostile queries.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <sstream>
#include <thread>

#include "modules/search/api/search_index.h"
#include "node/config/node_config.h"
#include "node/storage/dialect.h"
#include "node/storage/storage.h"
#include "tests/support/accounts_fixture.h"
#include "tests/support/credit_codes.h"

namespace mams {
namespace {

using testing::CreditCodeFor;
using testing::Encode;
using testing::Json;

class SearchTest : public testing::AccountsTest {
 protected:
  // The titles the search box shows for `kind`, as `user` sees them.
  std::set<std::string> Titles(const testing::TestUser& user, const std::string& query,
                               const std::string& kind = "customer") {
    const auto result = Call(user, "GET", "/api/v1/search?q=" + Encode(query));
    EXPECT_EQ(200, result.status) << query << " → " << result.body;
    std::set<std::string> titles;
    if (result.status != 200) {
      return titles;
    }
    const auto groups = Json(result.body)->getArray("groups");
    for (std::size_t g = 0; g < groups->size(); ++g) {
      const auto group = groups->getObject(g);
      if (group->getValue<std::string>("kind") != kind) {
        continue;
      }
      const auto hits = group->getArray("hits");
      for (std::size_t h = 0; h < hits->size(); ++h) {
        titles.insert(hits->getObject(h)->getValue<std::string>("title"));
      }
    }
    return titles;
  }
  bool Finds(const std::string& query, const std::string& title) {
    return Titles(gd_manager_, query).count(title) == 1;
  }
};

TEST_P(SearchTest, FindsByWordsPinyinInitialsAndNumbers) {
  Create(gd_manager_, "广州市民政局", CreditCodeFor(1), "440100");
  Create(gd_manager_, "深圳腾讯计算机系统科技有限公司", CreditCodeFor(2, "440300"), "440300");
  Create(gd_manager_, "招商银行广州分行", CreditCodeFor(3), "440100", ",\"customerNo\":\"KH-2024-0007\"");
  Create(gd_manager_, "IBM中国有限公司", CreditCodeFor(4), "440100");
  const struct {
    std::string query;
    std::string title;
    bool found;
  } cases[] = {
      {"民政", "广州市民政局", true},        {"民政局", "广州市民政局", true},
      {"政民", "广州市民政局", false},       {"gzmz", "广州市民政局", true},
      {"GZMZ", "广州市民政局", true},        {"guangzhou", "广州市民政局", true},
      {"minzh", "广州市民政局", true},       {"科技", "深圳腾讯计算机系统科技有限公司", true},
      {"tengxun", "深圳腾讯计算机系统科技有限公司", true},
      {"yinhang", "招商银行广州分行", true}, {"kh 2024", "招商银行广州分行", true},
      {"ibm", "IBM中国有限公司", true},      {"ＩＢＭ 中国", "IBM中国有限公司", true},
      {"bm", "IBM中国有限公司", false},      {"上海", "广州市民政局", false},
      {"廣州", "广州市民政局", false},
      {CreditCodeFor(1).substr(0, 10), "广州市民政局", true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.found, Finds(c.query, c.title)) << c.query << " → " << c.title;
  }
  // Highlights mark the query in the title, in UTF-16 units (广州市|民政|局).
  const auto body = Json(Call(gd_manager_, "GET", "/api/v1/search?q=" + Encode("民政")).body);
  const auto hit = body->getArray("groups")->getObject(0)->getArray("hits")->getObject(0);
  const auto ranges = hit->getArray("highlights");
  ASSERT_EQ(1U, ranges->size());
  EXPECT_EQ(3, ranges->getArray(0)->getElement<int>(0));
  EXPECT_EQ(5, ranges->getArray(0)->getElement<int>(1));
  EXPECT_EQ("/customers/" + hit->getValue<std::string>("id"), hit->getValue<std::string>("path"));
}

TEST_P(SearchTest, TheIndexFollowsEveryWrite) {
  const auto id = Create(gd_manager_, "广州旧名称有限公司", CreditCodeFor(11), "440100");
  ASSERT_TRUE(Finds("旧名称", "广州旧名称有限公司"));
  ASSERT_EQ(200, Call(gd_manager_, "PATCH", "/api/v1/customers/" + id,
                      "{\"name\":\"广州新名称有限公司\"}").status);
  // Nothing at all by the old name: its terms left the index, not only the title changed.
  EXPECT_EQ(std::set<std::string>{}, Titles(gd_manager_, "旧名称"));
  EXPECT_EQ(std::set<std::string>{}, Titles(gd_manager_, "jiumingcheng"));
  EXPECT_TRUE(Finds("新名称", "广州新名称有限公司"));
  EXPECT_TRUE(Finds("xinmingcheng", "广州新名称有限公司"));
  ASSERT_EQ(200, Call(gd_manager_, "DELETE", "/api/v1/customers/" + id).status);
  EXPECT_EQ(std::set<std::string>{}, Titles(gd_manager_, "新名称"));
  EXPECT_EQ(std::set<std::string>{}, Titles(gd_manager_, "gzxmc"));
}

TEST_P(SearchTest, EachCallerFindsOnlyWhatTheyMaySee) {
  Create(gd_manager_, "广州可见客户", CreditCodeFor(21), "440100");
  Create(gd_manager_, "深圳可见客户", CreditCodeFor(22, "440300"), "440300");
  EXPECT_EQ((std::set<std::string>{"深圳可见客户"}), Titles(sz_staff_, "可见客户"));
  EXPECT_EQ((std::set<std::string>{"广州可见客户", "深圳可见客户"}), Titles(analyst_, "可见客户"));
  // An account manager with own customers only finds those assigned to them.
  EXPECT_TRUE(Titles(gz_am_, "可见客户").empty());
}

TEST_P(SearchTest, ContactsAreFoundByNameAndWholePhoneNumberAndTheSearchIsLogged) {
  const auto id = Create(gd_manager_, "广州联系人测试公司", CreditCodeFor(31), "440100");
  ASSERT_EQ(201, Call(gd_manager_, "POST", "/api/v1/customers/" + id + "/contacts",
                      "{\"name\":\"欧阳娜娜\",\"role\":\"finance\",\"mobile\":\"13912345678\"}")
                     .status);
  EXPECT_EQ((std::set<std::string>{"欧阳娜娜"}), Titles(gd_manager_, "13912345678", "contact"));
  EXPECT_EQ((std::set<std::string>{"欧阳娜娜"}), Titles(gd_manager_, "oyn", "contact"));
  EXPECT_TRUE(Titles(gd_manager_, "1391234", "contact").empty());
  EXPECT_TRUE(Titles(sz_staff_, "欧阳娜娜", "contact").empty());
  EXPECT_GE(runtime_->storage().Open()->Query(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'pii.search'").ScalarInt(),
            2);
  // The customer list's box finds through the same index.
  const auto list = Call(gd_manager_, "GET", "/api/v1/customers?q=gzlxr");
  EXPECT_EQ(1, Json(list.body)->getValue<int>("total")) << list.body;
}

// A bulk first load with search.index_writes off: what is written meanwhile is not found;
// the next start with it on builds the index again, by the leader-only job.
TEST_P(SearchTest, WithoutIndexWritesTheNextStartBuildsTheIndexAgain) {
  Create(gd_manager_, "广州写入前客户", CreditCodeFor(51), "440100");
  auto restart = [this](const std::string& search_section) {
    runtime_.reset();
    auto config = config_;
    config.module_sections =
        config::ParseConfig("node: {id: t, level: group, org: CN}\nstorage: {sqlite: {path: t.db}}\n" +
                                search_section,
                            "search.yaml", "/tmp")
            .module_sections;
    StartNode(config);
  };
  restart("search: {index_writes: false}\n");
  Create(gd_manager_, "广州批量载入客户", CreditCodeFor(52), "440100");
  EXPECT_TRUE(Finds("写入前", "广州写入前客户"));
  EXPECT_FALSE(Finds("批量载入", "广州批量载入客户"));
  restart("");
  bool found = false;
  for (int i = 0; i < 100 && !found; ++i) {
    found = Finds("批量载入", "广州批量载入客户");
    if (!found) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(Finds("写入前", "广州写入前客户"));
}

// search:rebuild drops a kind's index and builds it again from the rows.
// On SQLite writes leave FTS5's segments to the search.merge job (a merge inside one create
// once took seconds): forty creates, then merging until nothing is left, finds every one.
TEST_P(SearchTest, SegmentsAreMergedOffTheWritePathAndKeepEveryMatch) {
  for (int i = 0; i < 40; ++i) {
    Create(gd_manager_, "广州合并段落客户" + std::to_string(i), CreditCodeFor(200 + i), "440100");
  }
  auto session = runtime_->storage().Open();
  const bool on_fts = session->dialect().backend() == storage::Backend::kSqlite;
  if (on_fts) {
    EXPECT_EQ(0, session->Query("SELECT v FROM search_fts_config WHERE k = 'automerge'")
                     .ScalarInt());
  }
  search::MergeIndexSegments(runtime_->storage(), std::chrono::seconds(30));
  EXPECT_EQ(0, search::MergeIndexSegments(runtime_->storage(), std::chrono::seconds(30)))
      << "merging does not come to an end";
  for (const int i : {0, 17, 39}) {
    const auto name = "广州合并段落客户" + std::to_string(i);
    EXPECT_TRUE(Finds("合并段落客户" + std::to_string(i), name)) << name;
  }
  const auto listed = Call(analyst_, "GET", "/api/v1/customers?q=hebingduanluo&limit=50");
  ASSERT_EQ(200, listed.status) << listed.body;
  EXPECT_EQ(40, Json(listed.body)->getValue<int>("total")) << listed.body;
}

TEST_P(SearchTest, TheRebuildTaskFindsWhatItFoundBefore) {
  Create(gd_manager_, "广州重建索引客户", CreditCodeFor(61), "440100");
  Create(gd_manager_, "深圳重建索引客户", CreditCodeFor(62, "440300"), "440300");
  std::ostringstream out;
  ASSERT_EQ(0, runtime_->RunTask("search:rebuild", {"customer"}, out)) << out.str();
  EXPECT_NE(std::string::npos, out.str().find("search index rebuilt: 2 rows")) << out.str();
  EXPECT_EQ((std::set<std::string>{"广州重建索引客户", "深圳重建索引客户"}),
            Titles(analyst_, "chongjian"));
}

TEST_P(SearchTest, HostileQueriesGetAClearAnswerNeverAnError) {
  Create(gd_manager_, "广州市民政局", CreditCodeFor(41), "440100");
  for (const std::string& query :
       {std::string("，。！？%_*"), std::string(1500, 'a'), std::string("' OR 1=1 --"),
        std::string("\"民政\" NEAR/2 * AND OR"), std::string("\xE4\xB8\xFF\xFE"),
        std::string(3000, 'g') + "民政"}) {
    const auto result = Call(gd_manager_, "GET", "/api/v1/search?q=" + Encode(query));
    EXPECT_EQ(200, result.status) << query.substr(0, 40) << " → " << result.body.substr(0, 200);
  }
  EXPECT_TRUE(Json(Call(gd_manager_, "GET", "/api/v1/search?q=" + std::string(200, 'a')).body)
                  ->getValue<bool>("truncated"));
  // Longer than any request target the node takes: refused before the search runs.
  const auto huge = Call(gd_manager_, "GET", "/api/v1/search?q=" + std::string(10000, 'a'));
  EXPECT_EQ(414, huge.status);
  const auto missing = Call(gd_manager_, "GET", "/api/v1/search");
  EXPECT_EQ(400, missing.status);
  EXPECT_EQ("q", testing::Field(missing));
  EXPECT_EQ(400, Call(gd_manager_, "GET", "/api/v1/search?q=x&limit=0").status);
  EXPECT_EQ(400, Call(gd_manager_, "GET", "/api/v1/search?q=x&limit=abc").status);
}

MAMS_TEST_ON_BOTH_BACKENDS(SearchTest);

}  // namespace
}  // namespace mams
