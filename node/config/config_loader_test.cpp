#include <gtest/gtest.h>

#include "node/common/errors.h"
#include "node/config/node_config.h"

namespace mams::config {
namespace {

std::string ErrorOf(const std::string& yaml) {
  try {
    ParseConfig(yaml, "cfg.yaml", "/base");
  } catch (const StartupError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(ConfigLoader, ReadsEverySectionWithDefaultsAndResolvesPaths) {
  const NodeConfig config = ParseConfig(R"(
node: {id: gd-1, level: province, org: "440000", parent: "tcp://group:7600"}
http: {port: 9000, tls: {cert: tls/c.pem, key: /abs/k.pem}, max_threads: 64}
storage: {sqlite: {path: data/m.db}, pool_size: 3}
log: {level: debug, file: logs/n.log, console: false}
sync:
  bind: tcp://127.0.0.1:7601
  key_file: keys/node.key
  parent_public_key: "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
  children:
    - {node: gz-1, org: "440100", public_key: "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID"}
  window: 8
modules: [orgs]
)",
                                        "cfg.yaml", "/base");
  EXPECT_EQ("gd-1", config.node.id);
  EXPECT_EQ(Level::kProvince, config.node.level);
  EXPECT_EQ("tcp://group:7600", config.node.parent.value());
  EXPECT_EQ(9000, config.http.port);
  EXPECT_EQ("/base/tls/c.pem", config.http.tls->cert_file);
  EXPECT_EQ("/abs/k.pem", config.http.tls->key_file);
  EXPECT_EQ(64, config.http.max_threads);
  EXPECT_EQ(512, config.http.max_queued);  // default
  EXPECT_EQ("/base/data/m.db", config.storage.sqlite->path);
  EXPECT_EQ("FULL", config.storage.sqlite->synchronous);
  EXPECT_EQ(3, config.storage.pool_size);
  EXPECT_EQ("/base/logs/n.log", config.log.file.value());
  EXPECT_FALSE(config.log.console);
  EXPECT_EQ(std::vector<std::string>{"orgs"}, config.modules);
  EXPECT_EQ("cfg.yaml:2:58: node.parent", config.Where("node.parent"));
  ASSERT_TRUE(config.sync.has_value());
  EXPECT_EQ("/base/keys/node.key", config.sync->key_file);
  EXPECT_EQ("tcp://127.0.0.1:7601", config.sync->bind.value());
  ASSERT_EQ(1u, config.sync->children.size());
  EXPECT_EQ("gz-1", config.sync->children[0].node);
  EXPECT_EQ("440100", config.sync->children[0].org);
  EXPECT_EQ(8, config.sync->window);
  EXPECT_EQ(4000, config.sync->batch_max_changes);  // default
}

// Well-formed Z85 public keys (ZeroMQ's documentation examples), quoted for YAML.
const std::string kKey = "\"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7\"";
const std::string kKey2 = "\"Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID\"";

TEST(ConfigLoader, RefusesWithFileLineAndKey) {
  const std::string base = "node: {id: a, level: group, org: CN}\nstorage: {sqlite: {path: x}}\n";
  const struct {
    std::string yaml;
    std::string expected;
  } cases[] = {
      {"", "cfg.yaml: (top level): the file is empty"},
      {"- a\n- b\n", "expected a mapping, got a list"},
      {"node: {id: a\n", "cfg.yaml:2:1: invalid YAML"},
      {base + "bogus: 1\n", "cfg.yaml:3:1: bogus: unknown key"},
      {base + "http: {port: -1}\n", "http.port: expected an integer from 0 to 65535, got -1"},
      {base + "http: {port: [1]}\n", "http.port: expected an integer from 0 to 65535, got a list"},
      {base + "log: {level: loud}\n", "log.level: expected one of fatal"},
      {base + "log: {console: maybe}\n", "log.console: expected true or false, got 'maybe'"},
      {base + "modules: orgs\n", "modules: expected a list of strings"},
      {"node: {id: '-x', level: group, org: CN}\nstorage: {sqlite: {path: x}}\n", "node.id: expected 1-64"},
      {"node: {id: a, level: group, org: CN, parent: 'tcp://p:1'}\nstorage: {sqlite: {path: x}}\n",
       "node.parent: a group-level node has no parent"},
      {"node: {id: a, level: local, org: '1', parent: 'http://x'}\nstorage: {sqlite: {path: x}}\n",
       "node.parent: expected a ZeroMQ endpoint"},
      {"node: {id: a, level: group}\nstorage: {sqlite: {path: x}}\n", "node.org: required key is missing"},
      {"node: {id: a, level: group, org: ''}\nstorage: {sqlite: {path: x}}\n", "node.org: must not be empty"},
      {"node: {id: a, level: group, org: CN}\nstorage: {sqlite: {path: x, synchronous: OFF}}\n",
       "storage.sqlite.synchronous: expected FULL or NORMAL"},
      {"node: {id: a, level: group, org: CN}\nstorage: {mysql: {database: d, user: u}}\n",
       "storage.mysql: set exactly one of password_file or password_env"},
      {"node: {id: a, level: group, org: CN}\nstorage: {mysql: {database: d, user: u, password_file: nope}}\n",
       "storage.mysql.password_file: cannot read '/base/nope'"},
      {"node: {id: a, level: local, org: '1', parent: 'tcp://p:1'}\nstorage: {sqlite: {path: x}}\n",
       "sync: node.parent is set, so a sync section"},
      {base + "sync: {key_file: k, children: [{node: b, org: '1', public_key: short}]}\n",
       "sync.children[0].public_key: expected a CurveZMQ public key"},
      {base + "sync: {key_file: k, children: [{node: b, org: '1', public_key: " + kKey + "}]}\n",
       "sync.bind: children are listed"},
      {base + "sync: {bind: 'tcp://*:1', key_file: k, children: [{node: b, org: '1', public_key: " + kKey +
           "}, {node: b, org: '2', public_key: " + kKey2 + "}]}\n",
       "sync.children[1].node: node id 'b' is listed twice"},
      {base + "sync: {bind: 'tcp://*:1', key_file: k, children: [{node: b, org: '1', public_key: " + kKey +
           "}, {node: c, org: '2', public_key: " + kKey + "}]}\n",
       "sync.children[1].public_key: this key is already given to another child"},
      {base + "sync: {key_file: k, parent_public_key: " + kKey + "}\n",
       "sync.parent_public_key: this node has no node.parent"},
      {base + "sync: {key_file: k, children: [{node: b, org: '1', public_key: " + kKey + ", colour: red}]}\n",
       "sync.children[0].colour: unknown key"},
  };
  for (const auto& c : cases) {
    const std::string error = ErrorOf(c.yaml);
    EXPECT_NE(std::string::npos, error.find(c.expected)) << "yaml:\n" << c.yaml << "\ngot: " << error;
  }
}

TEST(ConfigLoader, ReadsMysqlPasswordFromEnvironmentWithoutKeepingTheName) {
  setenv("MAMS_TEST_CONFIG_PW", "s3cret", 1);
  const NodeConfig config = ParseConfig(
      "node: {id: a, level: group, org: CN}\nstorage:\n  mysql: {database: d, user: u, "
      "password_env: MAMS_TEST_CONFIG_PW}\n",
      "cfg.yaml", "/base");
  EXPECT_EQ("s3cret", config.storage.mysql->password);
  EXPECT_EQ("env:MAMS_TEST_CONFIG_PW", config.storage.mysql->password_source);
  EXPECT_EQ(3306, config.storage.mysql->port);
}

TEST(ConfigLoader, MissingFileIsNamed) {
  try {
    LoadConfig("/nonexistent/node.yaml");
    FAIL();
  } catch (const StartupError& e) {
    EXPECT_STREQ("/nonexistent/node.yaml: cannot open config file", e.what());
  }
}

}  // namespace
}  // namespace mams::config
