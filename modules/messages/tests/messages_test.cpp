// The notification centre through the real API on both backends: who sees a message, read
// marks and their audit, lists by box, and bad input naming what is wrong.
#include <set>

#include "tests/support/accounts_fixture.h"

namespace mams {
namespace {

using testing::Field;
using testing::Json;
using MessagesTest = testing::AccountsTest;

std::string MessageTo(const std::string& recipient_id, const std::string& subject,
                      const std::string& extra = "") {
  return "{\"recipientId\":\"" + recipient_id + "\",\"subject\":\"" + subject +
         "\",\"body\":\"请于周五前提交季度拜访计划\"" + extra + "}";
}

TEST_P(MessagesTest, AMessageIsSeenByItsRecipientAndSenderOnly) {
  const auto sent = Call(gd_manager_, "POST", "/api/v1/messages", MessageTo(gz_am_.id, "拜访计划"));
  ASSERT_EQ(201, sent.status) << sent.body;
  const auto message = Json(sent.body);
  const std::string id = message->getValue<std::string>("id");
  EXPECT_EQ("person", message->getValue<std::string>("kind"));
  EXPECT_EQ(gd_manager_.id, message->getValue<std::string>("senderId"));
  EXPECT_EQ("440100", message->getValue<std::string>("recipientOrg"));
  EXPECT_TRUE(message->isNull("readAt"));

  const auto inbox = Json(Call(gz_am_, "GET", "/api/v1/messages").body);
  ASSERT_EQ(1, inbox->getValue<int>("total"));
  EXPECT_EQ(id, inbox->getArray("items")->getObject(0)->getValue<std::string>("id"));
  const auto unread = Json(Call(gz_am_, "GET", "/api/v1/messages/unread-count").body);
  EXPECT_EQ(1, unread->getValue<int>("count"));
  EXPECT_TRUE(unread->getValue<bool>("exact"));
  EXPECT_EQ(0, Json(Call(gd_manager_, "GET", "/api/v1/messages").body)->getValue<int>("total"));
  EXPECT_EQ(1, Json(Call(gd_manager_, "GET", "/api/v1/messages?box=sent").body)->getValue<int>("total"));
  EXPECT_EQ(200, Call(gd_manager_, "GET", "/api/v1/messages/" + id).status);
  // Not theirs, whatever their roles and scope: the analyst sees every org.
  EXPECT_EQ(404, Call(analyst_, "GET", "/api/v1/messages/" + id).status);
  EXPECT_EQ(404, Call(sz_staff_, "GET", "/api/v1/messages/" + id).status);
  EXPECT_EQ(404, Call(gd_manager_, "POST", "/api/v1/messages/" + id + "/read").status);
  EXPECT_EQ(0, Json(Call(analyst_, "GET", "/api/v1/messages?box=sent").body)->getValue<int>("total"));
  EXPECT_EQ(1, AuditCount("message.send", id));
}

TEST_P(MessagesTest, ReadingMarksOnceAndIsAudited) {
  const std::string first =
      Json(Call(gd_manager_, "POST", "/api/v1/messages", MessageTo(gz_am_.id, "一")).body)
          ->getValue<std::string>("id");
  Call(gd_manager_, "POST", "/api/v1/messages", MessageTo(gz_am_.id, "二"));
  Call(analyst_, "POST", "/api/v1/messages", MessageTo(gz_am_.id, "三"));
  EXPECT_EQ(3, Json(Call(gz_am_, "GET", "/api/v1/messages?unread=true").body)->getValue<int>("total"));

  const auto read = Call(gz_am_, "POST", "/api/v1/messages/" + first + "/read");
  ASSERT_EQ(200, read.status) << read.body;
  const std::string read_at = Json(read.body)->getValue<std::string>("readAt");
  EXPECT_FALSE(read_at.empty());
  // Again: nothing changes, nothing more is audited.
  EXPECT_EQ(read_at, Json(Call(gz_am_, "POST", "/api/v1/messages/" + first + "/read").body)
                         ->getValue<std::string>("readAt"));
  EXPECT_EQ(1, AuditCount("message.read", first));
  EXPECT_EQ(2, Json(Call(gz_am_, "GET", "/api/v1/messages/unread-count").body)->getValue<int>("count"));

  EXPECT_EQ(2, Json(Call(gz_am_, "POST", "/api/v1/messages/read-all").body)->getValue<int>("marked"));
  EXPECT_EQ(0, Json(Call(gz_am_, "GET", "/api/v1/messages/unread-count").body)->getValue<int>("count"));
  EXPECT_EQ(0, Json(Call(gz_am_, "GET", "/api/v1/messages?unread=true").body)->getValue<int>("total"));
  EXPECT_EQ(3, Json(Call(gz_am_, "GET", "/api/v1/messages").body)->getValue<int>("total"));
  EXPECT_EQ(0, Json(Call(gz_am_, "POST", "/api/v1/messages/read-all").body)->getValue<int>("marked"));
}

TEST_P(MessagesTest, PagesFollowTheCursorNewestFirst) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(201, Call(gd_manager_, "POST", "/api/v1/messages",
                        MessageTo(gz_am_.id, "第" + std::to_string(i) + "条"))
                       .status);
  }
  const auto first = Json(Call(gz_am_, "GET", "/api/v1/messages?limit=3").body);
  ASSERT_EQ(3u, first->getArray("items")->size());
  ASSERT_TRUE(first->has("next"));
  const auto second = Json(Call(gz_am_, "GET", "/api/v1/messages?limit=3&after=" +
                                                   testing::Encode(first->getValue<std::string>("next")))
                               .body);
  ASSERT_EQ(2u, second->getArray("items")->size());
  EXPECT_FALSE(second->has("next"));
  // Every message once, newest first (several may share a millisecond).
  std::set<std::string> subjects;
  std::string previous = "9999";
  for (const auto& page : {first, second}) {
    for (std::size_t i = 0; i < page->getArray("items")->size(); ++i) {
      const auto item = page->getArray("items")->getObject(static_cast<unsigned>(i));
      subjects.insert(item->getValue<std::string>("subject"));
      EXPECT_LE(item->getValue<std::string>("createdAt"), previous);
      previous = item->getValue<std::string>("createdAt");
    }
  }
  EXPECT_EQ(5u, subjects.size());
}

TEST_P(MessagesTest, BadInputIsRefusedNamingWhatIsWrong) {
  const struct {
    std::string body;
    std::string field;
  } refused[] = {
      {"{\"recipientId\":\"" + gz_am_.id + "\"}", "subject"},
      {"{\"subject\":\"无人\"}", "recipientId"},
      {MessageTo("no-such-user", "无人"), "recipientId"},
      {MessageTo(gz_am_.id, std::string(201, 'x')), "subject"},
      {MessageTo(gz_am_.id, "控制\\u0000字符"), "subject"},
      {MessageTo(gz_am_.id, "多余", ",\"kind\":\"approval.pending\""), "kind"},
      {MessageTo(gz_am_.id, "冒名", ",\"senderId\":\"" + analyst_.id + "\""), "senderId"},
      {MessageTo(gz_am_.id, "外链", ",\"link\":\"//evil.example/login\""), "link"},
      {MessageTo(gz_am_.id, "   "), "subject"},
  };
  for (const auto& c : refused) {
    const auto result = Call(gd_manager_, "POST", "/api/v1/messages", c.body);
    EXPECT_EQ(422, result.status) << c.body << " → " << result.body;
    if (result.status == 422) {
      EXPECT_EQ(c.field, Field(result)) << c.body;
    }
  }
  EXPECT_EQ(400, Call(gd_manager_, "POST", "/api/v1/messages", "[1,2]").status);
  EXPECT_EQ(400, Call(gz_am_, "GET", "/api/v1/messages?box=trash").status);
  EXPECT_EQ(400, Call(gz_am_, "GET", "/api/v1/messages?unread=maybe").status);
  EXPECT_EQ(400, Call(gz_am_, "GET", "/api/v1/messages?after=forged").status);
  EXPECT_EQ(404, Call(gz_am_, "POST", "/api/v1/messages/nope/read").status);
  EXPECT_EQ(0, Json(Call(gz_am_, "GET", "/api/v1/messages").body)->getValue<int>("total"));
}

TEST_P(MessagesTest, RecipientsAreThisNodesEnabledUsers) {
  const auto found = Json(Call(gd_manager_, "GET", "/api/v1/messages/recipients?q=gz").body);
  ASSERT_EQ(1u, found->getArray("items")->size());
  EXPECT_EQ(gz_am_.id, found->getArray("items")->getObject(0)->getValue<std::string>("id"));
  EXPECT_EQ("440100", found->getArray("items")->getObject(0)->getValue<std::string>("org"));
  // Names, not log-ins: the username is neither shown nor searched.
  EXPECT_FALSE(found->getArray("items")->getObject(0)->has("username"));
  EXPECT_EQ(0u, Json(Call(gd_manager_, "GET", "/api/v1/messages/recipients?q=admin").body)
                    ->getArray("items")->size());
  EXPECT_EQ(400, Call(gd_manager_, "GET", "/api/v1/messages/recipients").status);
  EXPECT_EQ(400, Call(gd_manager_, "GET", "/api/v1/messages/recipients?q=" + std::string(51, 'a'))
                     .status);
}

MAMS_TEST_ON_BOTH_BACKENDS(MessagesTest);

}  // namespace
}  // namespace mams
