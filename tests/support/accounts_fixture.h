#pragma once

// A group node on one backend with users at several levels, for the accounts module's API
// tests: a Guangdong province manager, a Guangzhou account manager (own customers only),
// Shenzhen local staff and a group analyst.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "tests/support/group_node_fixture.h"
#include "tests/support/http_client.h"

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

class AccountsTest : public GroupNodeTest {
 protected:
  void SetUpBackend() override {
    config_ = NodeConfig();
    Configure(&config_);
    StartNode(config_);
    gd_manager_ = AddUser("gd-pm", "440000", {"province_manager"});
    gz_am_ = AddUser("gz-am", "440100", {"account_manager"});
    sz_staff_ = AddUser("sz-staff", "440300", {"local_staff"});
    analyst_ = AddUser("analyst", "CN", {"group_analyst"});
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

  /// POSTs `body` to `what` ("contacts", "visits") of customer `customer_id`: the status.
  int PostTo(const TestUser& user, const std::string& customer_id, const std::string& what,
             const std::string& body) {
    return Call(user, "POST", "/api/v1/customers/" + customer_id + "/" + what, body).status;
  }

  std::int64_t AuditCount(const std::string& action, const std::string& entity_id) {
    return runtime_->storage().Open()->Query(
        "SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?", {action, entity_id})
        .ScalarInt();
  }

  config::NodeConfig config_;
  TestUser gd_manager_, gz_am_, sz_staff_, analyst_;
};

}  // namespace mams::testing
