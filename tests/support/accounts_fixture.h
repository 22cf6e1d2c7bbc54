#pragma once

// A group node on one backend with users at several levels, for the accounts module's API
// tests: a Guangdong province manager, a Guangzhou account manager (own customers only),
// Shenzhen local staff and a group analyst.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "node/app/node_runtime.h"
#include "node/common/clock.h"
#include "tests/support/http_client.h"
#include "tests/support/test_backends.h"
#include "tests/support/test_users.h"

namespace mams::testing {

inline Poco::JSON::Object::Ptr Json(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

inline std::string Field(const HttpResult& result) {
  return Json(result.body)->getObject("error")->getValue<std::string>("field");
}

inline std::string Encode(const std::string& text) {
  std::string encoded;
  Poco::URI::encode(text, "&=?#+%", encoded);
  return encoded;
}

class AccountsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    Poco::Logger::root().setLevel("warning");
    db_ = std::make_unique<TestDatabase>(GetParam());
    MAMS_REQUIRE_BACKEND(*db_);
    config_ = GroupNodeConfig("test-group", db_->section());
    Configure(&config_);
    runtime_ = std::make_unique<app::NodeRuntime>(config_);
    runtime_->Start();
    const auto now = SystemClock().NowMs();
    gd_manager_ = AddTestUser(runtime_->storage(), "gd-pm", "440000", {"province_manager"}, now);
    gz_am_ = AddTestUser(runtime_->storage(), "gz-am", "440100", {"account_manager"}, now);
    sz_staff_ = AddTestUser(runtime_->storage(), "sz-staff", "440300", {"local_staff"}, now);
    analyst_ = AddTestUser(runtime_->storage(), "analyst", "CN", {"group_analyst"}, now);
  }

  /// For fixtures that need more of the node's config than the group node's defaults.
  virtual void Configure(config::NodeConfig*) {}

  HttpResult Call(const TestUser& user, const std::string& method, const std::string& target,
                  const std::string& body = "", std::map<std::string, std::string> headers = {}) {
    headers["Authorization"] = "Bearer " + user.token;
    return HttpCall(runtime_->http_port(), method, target, body, headers);
  }

  static std::string Body(const std::string& name, const std::string& credit, const std::string& org,
                          const std::string& extra = "") {
    return "{\"name\":\"" + name + "\",\"creditCode\":\"" + credit +
           "\",\"industry\":\"I\",\"level\":\"local\",\"org\":\"" + org + "\"" + extra + "}";
  }

  std::string Create(const TestUser& user, const std::string& name, const std::string& credit,
                     const std::string& org, const std::string& extra = "") {
    const auto result = Call(user, "POST", "/api/v1/customers", Body(name, credit, org, extra));
    EXPECT_EQ(201, result.status) << result.body;
    return result.status == 201 ? Json(result.body)->getValue<std::string>("id") : "";
  }

  std::int64_t AuditCount(const std::string& action, const std::string& entity_id) {
    return runtime_->storage().Open()->Query(
        "SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?", {action, entity_id})
        .ScalarInt();
  }

  std::unique_ptr<TestDatabase> db_;
  config::NodeConfig config_;
  std::unique_ptr<app::NodeRuntime> runtime_;
  TestUser gd_manager_, gz_am_, sz_staff_, analyst_;
};

}  // namespace mams::testing
