// Every route of every module × every shipped role × inside/outside the caller's scope.
// A route whose permission no module declares, or a parameterised route without a scope
// probe below, fails this test: new routes cannot slip in unguarded.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "modules/identity/role_catalog.h"
#include "node/app/module_list.h"
#include "node/app/node_runtime.h"
#include "node/auth/principal.h"
#include "node/common/clock.h"
#include "node/http/router.h"
#include "sync/sync_service.h"
#include "tests/support/http_client.h"
#include "tests/support/node_process.h"
#include "tests/support/test_backends.h"
#include "tests/support/test_users.h"

namespace mams {
namespace {

// Every test user sits at 广东省; 广州市 is inside that scope, 北京市 is outside.
constexpr char kCallerOrg[] = "440000";

struct Probe {
  std::string inside;    ///< a path to a resource inside the caller's scope
  std::string outside;   ///< the same route for a resource outside it; empty when the
                         ///< resource is not org-scoped (roles, the caller's own session)
};

class AccessMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Poco::Logger::root().setLevel("warning");
    db_ = std::make_unique<testing::TestDatabase>(testing::Backend::kSqlite);
    config::NodeConfig config = testing::GroupNodeConfig("matrix", db_->section());
    // Sync links to a child inside the callers' scope and one outside it.
    keys_ = testing::MakeTempDir("mams-matrix-keys");
    config::SyncSection sync;
    sync.bind = "tcp://127.0.0.1:" + std::to_string(testing::FreePort());
    sync.key_file = keys_ + "/matrix/node.key";
    sync::GenerateKeys(keys_ + "/matrix");
    sync.children.push_back({"gz-local", "440100", sync::GenerateKeys(keys_ + "/gz")});
    sync.children.push_back({"bj-local", "110000", sync::GenerateKeys(keys_ + "/bj")});
    config.sync = sync;
    runtime_ = std::make_unique<app::NodeRuntime>(config);
    runtime_->Start();
    const auto now = SystemClock().NowMs();
    inside_user_ = testing::AddTestUser(runtime_->storage(), "target-gz", "440100", {"local_staff"}, now);
    outside_user_ = testing::AddTestUser(runtime_->storage(), "target-bj", "110000", {"local_staff"}, now);
    for (const auto& role : identity::BuiltinRoles()) {
      callers_[role.code] = testing::AddTestUser(runtime_->storage(), std::string("m-") + role.code,
                                                 kCallerOrg, {role.code}, now);
    }
    // Customers to probe, managed by the account manager (who sees only their own).
    const auto hq = testing::AddTestUser(runtime_->storage(), "hq-creator", "CN", {"group_admin"}, now);
    inside_customer_ = CreateCustomer(hq, "91440300708461136T", "440100");
    outside_customer_ = CreateCustomer(hq, "91110000802100433B", "110000");
    inside_import_ = CreateImport(
        testing::AddTestUser(runtime_->storage(), "gz-importer", "440100", {"province_manager"}, now));
    outside_import_ = CreateImport(hq);
    // Messages are their recipient's: one to each caller, and one between two others.
    for (const auto& [role, caller] : callers_) {
      own_message_[role] = SendMessage(inside_user_, caller.id);
    }
    others_message_ = SendMessage(inside_user_, outside_user_.id);
    for (const auto& [customer, ids] :
         {std::pair{inside_customer_, &inside_children_}, {outside_customer_, &outside_children_}}) {
      (*ids)["{contactId}"] = CreateChild(hq, customer, "contacts", "{\"name\":\"王芳\",\"role\":\"daily\"}");
      (*ids)["{visitId}"] = CreateChild(
          hq, customer, "visits", "{\"date\":\"2026-11-01\",\"type\":\"call\",\"content\":\"回访\"}");
    }
  }

  std::string CreateImport(const testing::TestUser& creator) {
    const auto result = testing::HttpCall(
        runtime_->http_port(), "POST", "/api/v1/imports?kind=revenue&mode=dry-run",
        "customerNo,product,month,amount\nKH1,宽带,2026-01,1\n", testing::BearerHeader(creator));
    EXPECT_EQ(201, result.status) << result.body;
    return Poco::JSON::Parser().parse(result.body).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("id");
  }

  std::string SendMessage(const testing::TestUser& sender, const std::string& recipient_id) {
    const auto result = testing::HttpCall(
        runtime_->http_port(), "POST", "/api/v1/messages",
        "{\"recipientId\":\"" + recipient_id + "\",\"subject\":\"矩阵\"}",
        testing::BearerHeader(sender));
    EXPECT_EQ(201, result.status) << result.body;
    return Poco::JSON::Parser().parse(result.body).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("id");
  }

  std::string CreateChild(const testing::TestUser& creator, const std::string& customer,
                          const std::string& kind, const std::string& body) {
    const auto result = testing::HttpCall(runtime_->http_port(), "POST",
                                          "/api/v1/customers/" + customer + "/" + kind, body,
                                          testing::BearerHeader(creator));
    EXPECT_EQ(201, result.status) << result.body;
    return Poco::JSON::Parser().parse(result.body).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("id");
  }

  // The pattern with {id} and the sub-resource ids of one side's customer filled in.
  std::string Fill(std::string pattern, const std::string& customer,
                   const std::map<std::string, std::string>& children) const {
    auto replace = [&pattern](const std::string& name, const std::string& value) {
      const auto at = pattern.find(name);
      if (at != std::string::npos) {
        pattern.replace(at, name.size(), value);
      }
    };
    replace("{id}", customer);
    for (const auto& [name, value] : children) {
      replace(name, value);
    }
    return pattern;
  }

  std::string CreateCustomer(const testing::TestUser& creator, const std::string& credit_code,
                             const std::string& org) {
    const auto result = testing::HttpCall(
        runtime_->http_port(), "POST", "/api/v1/customers",
        "{\"name\":\"矩阵测试客户" + org + "\",\"creditCode\":\"" + credit_code +
            "\",\"industry\":\"I\",\"level\":\"local\",\"org\":\"" + org +
            "\",\"managers\":[\"" + callers_.at("account_manager").id + "\"]}",
        testing::BearerHeader(creator));
    EXPECT_EQ(201, result.status) << result.body;
    return Poco::JSON::Parser().parse(result.body).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("id");
  }

  std::map<std::string, Probe> Probes() const {
    return {
        {"/api/v1/orgs/{code}", {"/api/v1/orgs/440100", "/api/v1/orgs/110000"}},
        {"/api/v1/search", {"/api/v1/search?q=x", ""}},
        {"/api/v1/messages/recipients", {"/api/v1/messages/recipients?q=m", ""}},
        {"/api/v1/calendars/{org}", {"/api/v1/calendars/440100", "/api/v1/calendars/110000"}},
        {"/api/v1/calendars/{org}/hours",
         {"/api/v1/calendars/440100/hours", "/api/v1/calendars/110000/hours"}},
        {"/api/v1/calendars/{org}/days/{date}",
         {"/api/v1/calendars/440100/days/2026-10-08", "/api/v1/calendars/110000/days/2026-10-08"}},
        {"/api/v1/calendars/{org}/due",
         {"/api/v1/calendars/440100/due?from=2026-12-07T09:00:00Z&hours=1",
          "/api/v1/calendars/110000/due?from=2026-12-07T09:00:00Z&hours=1"}},
        {"/api/v1/reports/{key}", {"/api/v1/reports/customers.by_org", ""}},
        {"/api/v1/users/{id}", {"/api/v1/users/" + inside_user_.id, "/api/v1/users/" + outside_user_.id}},
        {"/api/v1/users/{id}/password",
         {"/api/v1/users/" + inside_user_.id + "/password", "/api/v1/users/" + outside_user_.id + "/password"}},
        {"/api/v1/users/{id}/unlock",
         {"/api/v1/users/" + inside_user_.id + "/unlock", "/api/v1/users/" + outside_user_.id + "/unlock"}},
        {"/api/v1/users/{id}/totp/reset",
         {"/api/v1/users/" + inside_user_.id + "/totp/reset", "/api/v1/users/" + outside_user_.id + "/totp/reset"}},
        {"/api/v1/users/{id}/tokens",
         {"/api/v1/users/" + inside_user_.id + "/tokens", "/api/v1/users/" + outside_user_.id + "/tokens"}},
        {"/api/v1/tokens/{id}", {"/api/v1/tokens/" + inside_user_.token_id, "/api/v1/tokens/" + outside_user_.token_id}},
        {"/api/v1/roles/{code}", {"/api/v1/roles/local_staff", ""}},
        {"/api/v1/imports/{id}", {"/api/v1/imports/" + inside_import_, "/api/v1/imports/" + outside_import_}},
        {"/api/v1/imports/{id}/rejected",
         {"/api/v1/imports/" + inside_import_ + "/rejected", "/api/v1/imports/" + outside_import_ + "/rejected"}},
        {"/api/v1/import-templates/{kind}", {"/api/v1/import-templates/customers", ""}},
        {"/api/v1/grading-rules/{org}", {"/api/v1/grading-rules/440100", "/api/v1/grading-rules/110000"}},
        {"/api/v1/sync/links/{peer}/pause",
         {"/api/v1/sync/links/gz-local/pause", "/api/v1/sync/links/bj-local/pause"}},
        {"/api/v1/sync/links/{peer}/resume",
         {"/api/v1/sync/links/gz-local/resume", "/api/v1/sync/links/bj-local/resume"}},
        {"/api/v1/sync/links/{peer}/resync",
         {"/api/v1/sync/links/gz-local/resync", "/api/v1/sync/links/bj-local/resync"}},
        {"/tmf-api/customerManagement/v4/customer/{id}",
         {"/tmf-api/customerManagement/v4/customer/" + inside_customer_,
          "/tmf-api/customerManagement/v4/customer/" + outside_customer_}},
    };
  }

  // Customer routes probe the inside and outside customers and their sub-resources.
  std::optional<Probe> CustomerProbe(const std::string& pattern) const {
    if (pattern.rfind("/api/v1/customers/{id}", 0) != 0) {
      return std::nullopt;
    }
    return Probe{Fill(pattern, inside_customer_, inside_children_),
                 Fill(pattern, outside_customer_, outside_children_)};
  }

  void TearDown() override {
    runtime_.reset();
    testing::RemoveTree(keys_);
  }

  std::string keys_;
  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<app::NodeRuntime> runtime_;
  testing::TestUser inside_user_;
  testing::TestUser outside_user_;
  std::map<std::string, testing::TestUser> callers_;
  std::string inside_customer_;
  std::string outside_customer_;
  std::map<std::string, std::string> own_message_;  ///< role → a message to its caller
  std::string others_message_;                        ///< between two other users
  std::string inside_import_;   ///< a dry run by a Guangzhou user
  std::string outside_import_;  ///< a dry run at group level
  std::map<std::string, std::string> inside_children_;   ///< {contactId}, {visitId} → id
  std::map<std::string, std::string> outside_children_;
};

std::set<std::string> GrantsOf(storage::Storage& storage, const std::string& role) {
  const auto rows = storage.Open()->Query(
      "SELECT rp.permission FROM role_permissions rp JOIN roles r ON r.id = rp.role_id WHERE r.code = ?",
      {role});
  std::set<std::string> grants;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    grants.insert(rows[i].Text(0));
  }
  return grants;
}

bool Contains(const std::string& pattern, char c) { return pattern.find(c) != std::string::npos; }

TEST_F(AccessMatrixTest, EveryRouteEveryRoleInsideAndOutsideScope) {
  std::set<std::string> declared = {http::kPublic, auth::kAuthenticated};
  for (const auto& permission : runtime_->permissions()) {
    declared.insert(permission.name);
  }
  const auto probes = Probes();
  const std::uint16_t port = runtime_->http_port();
  int checks = 0;
  for (const auto& role : identity::BuiltinRoles()) {
    const auto grants = GrantsOf(runtime_->storage(), role.code);
    const auto& caller = callers_.at(role.code);
    for (const http::Route& route : runtime_->router().routes()) {
      const std::string label = route.method + " " + route.pattern + " as " + role.code;
      ASSERT_TRUE(declared.count(route.permission) == 1)
          << route.pattern << " needs permission '" << route.permission << "', which no module declares";
      Probe probe{route.pattern, ""};
      if (const auto query_probe = probes.find(route.pattern);
          query_probe != probes.end() && !Contains(route.pattern, '{')) {
        probe = query_probe->second;  // a route that needs query parameters
      } else if (route.pattern.rfind("/api/v1/messages/{id}", 0) == 0) {
        probe = {Fill(route.pattern, own_message_.at(role.code), {}),
                 Fill(route.pattern, others_message_, {})};
      } else if (const auto customer_probe = CustomerProbe(route.pattern)) {
        probe = *customer_probe;
      } else if (Contains(route.pattern, '{')) {
        const auto found = probes.find(route.pattern);
        ASSERT_TRUE(found != probes.end())
            << "add a scope probe for " << route.pattern << " to access_matrix_test.cpp";
        probe = found->second;
      }
      // "{}" is a well-formed body for every write; the service judges it on its merits. A
      // stale If-Match keeps versioned writes (delete!) from changing the probes.
      const std::string body = route.method == "GET" ? "" : "{}";
      auto headers = testing::BearerHeader(caller);
      if (route.method != "GET") {
        headers["If-Match"] = "\"999999\"";
      }
      const auto anonymous = testing::HttpCall(port, route.method, probe.inside, body);
      const bool allowed = route.permission == http::kPublic ||
                           route.permission == auth::kAuthenticated || grants.count(route.permission) > 0;
      if (route.permission != http::kPublic) {
        EXPECT_EQ(401, anonymous.status) << label << " without credentials";
      }
      const auto inside = testing::HttpCall(port, route.method, probe.inside, body, headers);
      ++checks;
      if (!allowed) {
        EXPECT_EQ(403, inside.status) << label << ": " << inside.body;
        continue;
      }
      EXPECT_NE(401, inside.status) << label << ": " << inside.body;
      EXPECT_NE(403, inside.status) << label << ": " << inside.body;
      EXPECT_LT(inside.status, 500) << label << ": " << inside.body;
      if (route.method == "GET") {
        EXPECT_EQ(200, inside.status) << label << ": " << inside.body;
      }
      if (!probe.outside.empty()) {
        const auto outside = testing::HttpCall(port, route.method, probe.outside, body, headers);
        ++checks;
        EXPECT_EQ(404, outside.status) << label << " outside scope: " << outside.body;
      }
    }
  }
  EXPECT_GT(checks, 100);
}

TEST_F(AccessMatrixTest, ShippedRolesGrantWhatTheirJobsNeed) {
  auto& storage = runtime_->storage();
  EXPECT_TRUE(GrantsOf(storage, "system_admin").count("users:admin"));
  EXPECT_FALSE(GrantsOf(storage, "system_admin").count("audit:read"));
  EXPECT_TRUE(GrantsOf(storage, "security_auditor").count("audit:read"));
  EXPECT_FALSE(GrantsOf(storage, "security_auditor").count("users:admin"));
  EXPECT_TRUE(GrantsOf(storage, "account_manager").count("pii:view"));
  EXPECT_FALSE(GrantsOf(storage, "local_staff").count("pii:view"));
  for (const auto& role : identity::BuiltinRoles()) {
    EXPECT_TRUE(GrantsOf(storage, role.code).count("orgs:read")) << role.code;
  }
}

}  // namespace
}  // namespace mams
