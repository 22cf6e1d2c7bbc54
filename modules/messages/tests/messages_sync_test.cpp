// Messages between levels on both backends: a province and its local network linked by real
// ZeroMQ sockets. A module's notification written at one node reaches its recipient at the
// other, and the recipient's read mark comes back; a recipient in another branch is refused.
// The notifications come from a small test module that calls the public Notifier, as the
// approvals and tasks modules will.
#include <Poco/Logger.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "modules/messages/api/notifier.h"
#include "node/app/module_list.h"
#include "node/common/errors.h"
#include "node/storage/storage.h"
#include "tests/support/accounts_fixture.h"
#include "tests/support/node_process.h"
#include "tests/support/sync_nodes.h"

namespace mams {
namespace {

using testing::Backend;
using testing::Eventually;
using testing::Json;

// POST /api/v1/test/notify {recipientId, recipientOrg, subject}: Notifier::Notify in a
// transaction of its own.
module::Module NotifyProbeModule() {
  module::Module module;
  module.name = "notify_probe";
  module.description = "Test: sends notifications through the messages module's Notifier";
  module.depends_on = {"messages"};
  module.permissions = {{"test:notify", "Test notifications", {"province_manager"}}};
  module.start = [](module::ModuleContext& context) {
    auto notifier = context.extensions.services.Find<messages::Notifier>();
    storage::Storage* storage = &context.storage;
    std::vector<http::Route> routes;
    routes.push_back({"POST", "/api/v1/test/notify", "test:notify",
                      [notifier, storage](const http::HttpRequest& request) {
                        const auto body = Json(request.body);
                        messages::Notification notification;
                        notification.recipient_id = body->getValue<std::string>("recipientId");
                        notification.recipient_org = body->getValue<std::string>("recipientOrg");
                        notification.kind = "test.notice";
                        notification.subject = body->getValue<std::string>("subject");
                        notification.link = "/messages";
                        auto session = storage->Open();
                        storage::Transaction transaction(*session);
                        const std::string id = notifier->Notify(*session, notification);
                        transaction.Commit();
                        return http::HttpResponse::Json(201, "{\"id\":\"" + id + "\"}");
                      },
                      "Sends a test notification"});
    return routes;
  };
  return module;
}

struct Node {
  std::unique_ptr<testing::TestDatabase> db;
  config::NodeConfig config;
  std::unique_ptr<app::NodeRuntime> runtime;
  testing::TestUser manager;
};

class MessagesSyncTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    Poco::Logger::root().setLevel("warning");
    keys_ = testing::MakeTempDir("mams-messages-sync");
    const testing::TestDatabase probe(GetParam());
    MAMS_REQUIRE_BACKEND(probe);
    province_ = MakeNode("gd-province", config::Level::kProvince, "440000", nullptr);
    local_ = MakeNode("gz-local", config::Level::kLocal, "440100", &province_);
    const auto now = SystemClock().NowMs();
    for (Node* node : {&province_, &local_}) {
      auto modules = app::AllModules();
      modules.push_back(NotifyProbeModule());
      node->runtime = std::make_unique<app::NodeRuntime>(node->config, std::move(modules));
      node->runtime->Start();
    }
    province_.manager = testing::AddTestUser(province_.runtime->storage(), "gd-pm", "440000",
                                             {"province_manager"}, now);
    local_.manager = testing::AddTestUser(local_.runtime->storage(), "gz-pm", "440100",
                                          {"province_manager"}, now);
  }

  void TearDown() override {
    for (Node* node : {&local_, &province_}) {
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

  testing::HttpResult Call(Node& node, const std::string& method, const std::string& target,
                           const std::string& body = "") {
    return testing::HttpCall(node.runtime->http_port(), method, target, body,
                             {{"Authorization", "Bearer " + node.manager.token}});
  }

  testing::HttpResult Notify(Node& from, const testing::TestUser& to, const std::string& org,
                             const std::string& subject) {
    return Call(from, "POST", "/api/v1/test/notify",
                "{\"recipientId\":\"" + to.id + "\",\"recipientOrg\":\"" + org +
                    "\",\"subject\":\"" + subject + "\"}");
  }

  std::string keys_;
  Node province_, local_;
};

TEST_P(MessagesSyncTest, ANotificationFromAboveReachesTheLocalUserAndTheReadMarkComesBack) {
  const auto sent = Notify(province_, local_.manager, "440100", "审批待办");
  ASSERT_EQ(201, sent.status) << sent.body;
  const std::string id = Json(sent.body)->getValue<std::string>("id");
  const std::string path = "/api/v1/messages/" + id;
  ASSERT_TRUE(Eventually([&] { return Call(local_, "GET", path).status == 200; }))
      << "the message did not reach the local network";
  EXPECT_EQ(1, Json(Call(local_, "GET", "/api/v1/messages/unread-count").body)->getValue<int>("count"));
  const auto message = Json(Call(local_, "GET", path).body);
  EXPECT_EQ("test.notice", message->getValue<std::string>("kind"));
  EXPECT_EQ("", message->getValue<std::string>("senderId"));

  ASSERT_EQ(200, Call(local_, "POST", path + "/read").status);
  EXPECT_TRUE(Eventually([&] {
    auto session = province_.runtime->storage().Open();
    return session->Query("SELECT COUNT(*) FROM messages WHERE id = ? AND read_at IS NOT NULL", {id})
               .ScalarInt() == 1;
  })) << "the read mark did not come back up";
}

TEST_P(MessagesSyncTest, ANotificationFromBelowReachesTheProvinceUser) {
  const auto sent = Notify(local_, province_.manager, "440000", "任务已完成");
  ASSERT_EQ(201, sent.status) << sent.body;
  const std::string id = Json(sent.body)->getValue<std::string>("id");
  ASSERT_TRUE(Eventually([&] {
    return Json(Call(province_, "GET", "/api/v1/messages").body)->getValue<int>("total") == 1;
  })) << "the message did not reach the province";
  EXPECT_EQ(200, Call(province_, "GET", "/api/v1/messages/" + id).status);
  // The local network's own user sees nothing of it.
  EXPECT_EQ(404, Call(local_, "GET", "/api/v1/messages/" + id).status);
}

TEST_P(MessagesSyncTest, ARecipientInAnotherBranchIsRefusedAndNothingIsWritten) {
  const auto refused = Notify(local_, province_.manager, "440300", "深圳");
  EXPECT_EQ(422, refused.status) << refused.body;
  EXPECT_EQ("recipient_unreachable", Json(refused.body)->getObject("error")->getValue<std::string>("code"));
  EXPECT_EQ(0, local_.runtime->storage().Open()->Query("SELECT COUNT(*) FROM messages").ScalarInt());
}

INSTANTIATE_TEST_SUITE_P(Backends, MessagesSyncTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMysql),
                         testing::BackendParamName);

}  // namespace
}  // namespace mams
