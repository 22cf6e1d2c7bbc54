#include "tests/support/cluster_node.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "node/common/clock.h"
#include "node/storage/storage.h"
#include "sync/sync_service.h"
#include "tests/support/credit_codes.h"
#include "tests/support/http_client.h"

namespace mams::testing {

ClusterNode ClusterNode::Make(const std::string& root, const std::string& id,
                              const std::string& level, const std::string& org, Backend backend) {
  ClusterNode node;
  node.id = id;
  node.level = level;
  node.org = org;
  node.dir = root + "/" + id;
  node.http_port = FreePort();
  node.sync_port = FreePort();
  node.public_key = sync::GenerateKeys(node.dir + "/keys");
  node.db = std::make_unique<TestDatabase>(backend);
  return node;
}

std::string ClusterNode::Config(const ClusterNode* parent,
                                const std::vector<const ClusterNode*>& children) const {
  std::string yaml = "node: {id: " + id + ", level: " + level + ", org: \"" + org + "\"";
  if (parent != nullptr) {
    yaml += ", parent: \"tcp://127.0.0.1:" + std::to_string(parent->sync_port) + "\"";
  }
  yaml += "}\nhttp: {bind: 127.0.0.1, port: " + std::to_string(http_port) + ", web_root: \"\"" +
          (http_options.empty() ? "" : ", " + http_options) + "}\n";
  if (const auto& mysql = db->section().mysql) {
    yaml += "storage: {mysql: {host: " + mysql->host + ", port: " + std::to_string(mysql->port) +
            ", database: " + mysql->database + ", user: " + mysql->user +
            ", password_env: MAMS_TEST_DB_PASSWORD}}\n";
  } else {
    yaml += "storage: {sqlite: {path: \"" + db->section().sqlite->path + "\"}}\n";
  }
  yaml +=
      "auth: {mfa_for_admins: false}\n"
      "log: {level: " + log_level + ", console: false, file: node.log}\n"
      "sync:\n  bind: \"tcp://127.0.0.1:" +
      std::to_string(sync_port) +
      "\"\n"
      "  key_file: keys/node.key\n  heartbeat_ms: 200\n  resend_after_ms: 1000\n";
  if (parent != nullptr) {
    yaml += "  parent_public_key: \"" + parent->public_key + "\"\n";
  }
  if (!children.empty()) {
    yaml += "  children:\n";
    for (const ClusterNode* child : children) {
      yaml += "    - {node: " + child->id + ", org: \"" + child->org + "\", public_key: \"" +
              child->public_key + "\"}\n";
    }
  }
  return yaml;
}

void ClusterNode::WriteConfig(const ClusterNode* parent,
                              const std::vector<const ClusterNode*>& children) const {
  WriteFile(dir + "/node.yaml", Config(parent, children));
}

std::map<std::string, std::string> ClusterNode::Env() const {
  if (const auto& mysql = db->section().mysql) {
    return {{"MAMS_TEST_DB_PASSWORD", mysql->password}};
  }
  return {};
}

void ClusterNode::Start() {
  process = std::make_unique<NodeProcess>(std::vector<std::string>{"--config", dir + "/node.yaml"},
                                          dir + "/run" + std::to_string(++starts) + ".log", Env());
}

ExitResult ClusterNode::RunCommand(const std::vector<std::string>& args) const {
  std::vector<std::string> all{"--config", dir + "/node.yaml"};
  all.insert(all.end(), args.begin(), args.end());
  return RunNodeToExit(all, 120, Env());
}

std::vector<std::string> ClusterNode::Rows(const std::string& table, const std::string& columns,
                                           const std::string& org_code) const {
  auto storage = db->Open();
  const auto rows = storage->Open()->Query(
      "SELECT " + columns + " FROM " + table + " WHERE org_code = ? ORDER BY id", {org_code});
  std::vector<std::string> result;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string line;
    for (std::size_t c = 0; c < rows.columns().size(); ++c) {
      line += (rows[i].IsNull(c) ? std::string("NULL") : rows[i].Text(c)) + "|";
    }
    result.push_back(line);
  }
  return result;
}

std::string PostLocalCustomer(std::uint16_t port, const TestUser& user,
                              const std::string& name_prefix, int n) {
  const auto result = HttpCall(
      port, "POST", "/api/v1/customers",
      "{\"name\":\"" + name_prefix + std::to_string(n) +
          "\",\"industry\":\"I\",\"level\":\"local\",\"org\":\"440100\",\"creditCode\":\"" +
          CreditCodeFor(n) + "\"}",
      BearerHeader(user));
  if (result.status != 201) {
    return "";
  }
  return Poco::JSON::Parser()
      .parse(result.body)
      .extract<Poco::JSON::Object::Ptr>()
      ->getValue<std::string>("id");
}

void ChainTest::SetUp() {
  const TestDatabase probe(GetParam());
  MAMS_REQUIRE_BACKEND(probe);
  root_ = MakeTempDir("mams-" + name_);
  group_ = ClusterNode::Make(root_, name_ + "-group", "group", "CN", GetParam());
  province_ = ClusterNode::Make(root_, name_ + "-gd", "province", "440000", GetParam());
  local_ = ClusterNode::Make(root_, name_ + "-gz", "local", "440100", GetParam());
  group_.WriteConfig(nullptr, {&province_});
  province_.WriteConfig(&group_, {&local_});
  local_.WriteConfig(&province_, {});
  // The first start applies the migrations; then the writer goes into the local network's
  // database and the local network starts for good.
  for (ClusterNode* node : {&group_, &province_, &local_}) {
    node->Start();
    ASSERT_TRUE(node->Healthy()) << node->process->Log();
  }
  local_.process->Terminate();
  writer_ =
      AddTestUser(*local_.db->Open(), "writer", "440100", {writer_role_}, SystemClock().NowMs());
  local_.Start();
  ASSERT_TRUE(local_.Healthy()) << local_.process->Log();
}

void ChainTest::TearDown() {
  for (ClusterNode* node : {&local_, &province_, &group_}) {
    node->process.reset();
  }
  if (!HasFailure()) {
    RemoveTree(root_);
  }
}

}  // namespace mams::testing
