// The real mams-node binary: start-up refusals name the file, key and line; a good config
// serves /healthz on SQLite and on MariaDB, stops cleanly on SIGTERM and resumes its data.
#include <Poco/File.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Path.h>
#include <unistd.h>
#include <gtest/gtest.h>

#include "node/app/module_list.h"
#include "node/storage/storage.h"
#include "tests/support/http_client.h"
#include "tests/support/node_process.h"
#include "tests/support/test_backends.h"

namespace mams {
namespace {

using testing::ExitResult;
using testing::NodeProcess;
using testing::RunNodeToExit;

constexpr int kExitConfig = 78;  // EX_CONFIG

class NodeBinaryTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("mams-node-test"); }
  void TearDown() override { testing::RemoveTree(dir_); }

  std::string WriteConfig(const std::string& text, const std::string& name = "node.yaml") {
    const std::string path = dir_ + "/" + name;
    testing::WriteFile(path, text);
    return path;
  }

  std::string SqliteConfig(std::uint16_t port, const std::string& extra = "") {
    return "node:\n  id: t1\n  level: group\n  org: CN\nhttp:\n  port: " + std::to_string(port) +
           "\nstorage:\n  sqlite:\n    path: data/t.db\nlog:\n  level: warning\n" + extra;
  }

  ExitResult Run(const std::string& yaml) { return RunNodeToExit({"--config", WriteConfig(yaml)}); }

  std::string dir_;
};

// "orgs, audit, …": the modules of this mams-node, as its messages list them.
std::string ModuleNames() {
  std::string names;
  for (const auto& module : app::AllModules()) {
    names += (names.empty() ? "" : ", ") + module.name;
  }
  return names;
}

void ExpectRefused(const ExitResult& result, const std::vector<std::string>& fragments) {
  EXPECT_EQ(kExitConfig, result.exit_code) << result.output;
  for (const auto& fragment : fragments) {
    EXPECT_NE(std::string::npos, result.output.find(fragment))
        << "missing '" << fragment << "' in:\n" << result.output;
  }
}

TEST_F(NodeBinaryTest, BrokenYamlNamesFileAndLine) {
  ExpectRefused(Run("node:\n  id: t1\n  level: [group\n"), {"node.yaml:", "invalid YAML"});
}

TEST_F(NodeBinaryTest, UnknownKeyNamesKeyAndLine) {
  ExpectRefused(Run(SqliteConfig(1) + "extra_section: 1\n"), {"node.yaml:12:1: extra_section: unknown key"});
  ExpectRefused(Run("node:\n  id: t1\n  level: group\n  org: CN\n  prot: 1\nstorage:\n  sqlite: {path: x.db}\n"),
                {"node.yaml:5:3: node.prot: unknown key"});
}

TEST_F(NodeBinaryTest, WrongTypeAndRangeNameTheKey) {
  ExpectRefused(Run("node: {id: t1, level: group, org: CN}\nhttp:\n  port: eighty\nstorage: {sqlite: {path: x.db}}\n"),
                {"node.yaml:3:9: http.port: expected an integer from 0 to 65535, got 'eighty'"});
  ExpectRefused(Run("node: {id: t1, level: group, org: CN}\nhttp: {port: 70000}\nstorage: {sqlite: {path: x.db}}\n"),
                {"http.port", "got 70000"});
  ExpectRefused(Run("node: {id: t1, level: county, org: CN}\nstorage: {sqlite: {path: x.db}}\n"),
                {"node.level: expected one of group, province, local; got 'county'"});
}

TEST_F(NodeBinaryTest, MissingSectionsAndBackendsAreNamed) {
  ExpectRefused(Run("node: {id: t1, level: group, org: CN}\n"), {"storage: required section is missing"});
  ExpectRefused(Run("node: {id: t1, level: group, org: CN}\nstorage: {pool_size: 2}\n"),
                {"storage: configure exactly one backend: sqlite or mysql"});
  ExpectRefused(Run("node: {id: t1, level: province, org: \"440000\"}\nstorage: {sqlite: {path: x.db}}\n"),
                {"node.parent: a province or local node needs its parent's sync endpoint"});
}

TEST_F(NodeBinaryTest, OrgMissingFromTreeOrAtWrongLevelIsRefused) {
  ExpectRefused(Run("node:\n  id: t1\n  level: group\n  org: ZZ\nstorage: {sqlite: {path: data/t.db}}\n"),
                {"node.yaml:4:8: node.org: org 'ZZ' is not in the organisation tree"});
  ExpectRefused(Run("node:\n  id: t1\n  level: province\n  org: \"440100\"\n  parent: tcp://p:1\n"
                    "storage: {sqlite: {path: data/t.db}}\n"
                    "sync: {key_file: t1.key, parent_public_key: \"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7\"}\n"),
                {"node.level: org '440100' (广州市) is a local-level org"});
}

TEST_F(NodeBinaryTest, UnknownModuleIsRefused) {
  ExpectRefused(Run(SqliteConfig(1) + "modules: [orgs, crystal_ball]\n"),
                {"node.yaml:12:10: modules: unknown module 'crystal_ball' (this mams-node has: " +
                 ModuleNames() + ")"});
}

TEST_F(NodeBinaryTest, ModuleSectionsAreCheckedLikeTheNodesOwn) {
  const std::string wrong_type = SqliteConfig(1) + "monitoring:\n  report_interval_s: soon\n";
  const std::string message =
      "node.yaml:13:22: monitoring.report_interval_s: expected an integer from 5 to 3600, got "
      "'soon'";
  ExpectRefused(Run(wrong_type), {message});
  ExpectRefused(RunNodeToExit({"--config", WriteConfig(wrong_type), "--check-config"}), {message});
  ExpectRefused(Run(SqliteConfig(1) + "monitoring:\n  colour: red\n"),
                {"node.yaml:13:3: monitoring.colour: unknown key"});
  ExpectRefused(Run(SqliteConfig(1) + "monitorng:\n  report_interval_s: 10\n"),
                {"node.yaml:12:1: monitorng: unknown key (neither a section of the node nor a "
                 "module of this mams-node: " + ModuleNames() + ")"});
}

TEST_F(NodeBinaryTest, ModulesDescribeTheirConfigAndRunTheirTasks) {
  const auto described = RunNodeToExit({"--describe-config"});
  EXPECT_EQ(0, described.exit_code) << described.output;
  EXPECT_NE(std::string::npos,
            described.output.find("monitoring:\n  report_interval_s: 30  # integer 5..3600; "))
      << described.output;
  const auto tasks = RunNodeToExit({"--list-tasks"});
  EXPECT_NE(std::string::npos, tasks.output.find("audit:verify")) << tasks.output;

  const std::string config = WriteConfig(SqliteConfig(1));
  const auto verified = RunNodeToExit({"--config", config, "audit:verify"});
  EXPECT_EQ(0, verified.exit_code) << verified.output;
  EXPECT_NE(std::string::npos, verified.output.find("audit log intact")) << verified.output;
  ExpectRefused(RunNodeToExit({"--config", config, "audit:shred"}),
                {"unknown task 'audit:shred' (this node's modules have: audit:verify, search:rebuild)"});
}

TEST_F(NodeBinaryTest, PortInUseIsRefusedWithTheAddress) {
  Poco::Net::ServerSocket taken;
  taken.bind(Poco::Net::SocketAddress("127.0.0.1", 0), true, false);
  taken.listen();
  const std::uint16_t port = taken.address().port();
  ExpectRefused(Run(SqliteConfig(port)),
                {"http: cannot listen on 127.0.0.1:" + std::to_string(port), "http.port"});
}

TEST_F(NodeBinaryTest, UnreachableMysqlIsRefusedQuickly) {
  const std::uint16_t closed = testing::FreePort();
  const auto result = RunNodeToExit(
      {"--config", WriteConfig("node: {id: t1, level: group, org: CN}\nstorage:\n  mysql:\n"
                               "    port: " + std::to_string(closed) +
                               "\n    database: mams\n    user: mams\n    password_env: T_PW\n"
                               "    connect_timeout_s: 2\n")},
      20, {{"T_PW", "not-a-real-password"}});
  ExpectRefused(result, {"storage.mysql: mysql: cannot connect to mysql://mams@127.0.0.1:" +
                         std::to_string(closed) + "/mams"});
  EXPECT_EQ(std::string::npos, result.output.find("not-a-real-password")) << "password leaked";
}

TEST_F(NodeBinaryTest, UnusableSqlitePathIsNamed) {
  WriteConfig("not a directory", "blocker");
  ExpectRefused(Run("node: {id: t1, level: group, org: CN}\nstorage: {sqlite: {path: blocker/m.db}}\n"),
                {"storage.sqlite.path: cannot open '" + dir_ + "/blocker/m.db'"});
}

TEST_F(NodeBinaryTest, WrongMysqlPasswordIsRefusedWithoutEchoingIt) {
  testing::TestDatabase db(testing::Backend::kMysql);
  MAMS_REQUIRE_BACKEND(db);
  const auto& mysql = *db.section().mysql;
  const auto result = RunNodeToExit(
      {"--config", WriteConfig("node: {id: t1, level: group, org: CN}\nstorage:\n  mysql:\n    port: " +
                               std::to_string(mysql.port) + "\n    database: " + mysql.database +
                               "\n    user: " + mysql.user + "\n    password_env: T_PW\n")},
      20, {{"T_PW", "definitely-wrong-password"}});
  ExpectRefused(result, {"storage.mysql: mysql: cannot connect to mysql://" + mysql.user + "@127.0.0.1:" +
                         std::to_string(mysql.port) + "/" + mysql.database, "Access denied"});
  EXPECT_EQ(std::string::npos, result.output.find("definitely-wrong-password"));
}

TEST_F(NodeBinaryTest, MissingPasswordEnvironmentIsNamed) {
  ExpectRefused(Run("node: {id: t1, level: group, org: CN}\nstorage:\n  mysql: {database: m, user: u, "
                    "password_env: MAMS_SURELY_UNSET_VARIABLE}\n"),
                {"storage.mysql.password_env: environment variable 'MAMS_SURELY_UNSET_VARIABLE' is not set"});
}

TEST_F(NodeBinaryTest, UsageErrorsAndCheckConfig) {
  EXPECT_EQ(64, RunNodeToExit({}).exit_code);
  const auto valid = RunNodeToExit({"--config", WriteConfig(SqliteConfig(1)), "--check-config"});
  EXPECT_EQ(0, valid.exit_code) << valid.output;
  EXPECT_NE(std::string::npos, valid.output.find("is valid"));
  EXPECT_EQ(0, RunNodeToExit({"--version"}).exit_code);
}

TEST_F(NodeBinaryTest, SampleConfigsAreValid) {
  const std::string source = MAMS_SOURCE_DIR;
  for (const std::string name : {"group.yaml", "province-guangdong.yaml", "local-guangzhou.yaml"}) {
    const auto result = RunNodeToExit({"--config", source + "/config/" + name, "--check-config"}, 20,
                                      {{"MAMS_MYSQL_PASSWORD", "sample"}});
    EXPECT_EQ(0, result.exit_code) << name << ": " << result.output;
  }
}

TEST_F(NodeBinaryTest, ServesStopsOnSigtermAndResumesOnSqlite) {
  const std::uint16_t port = testing::FreePort();
  const std::string config = WriteConfig(SqliteConfig(port));
  {
    NodeProcess node({"--config", config}, dir_ + "/run1.log");
    ASSERT_TRUE(node.WaitHealthy(port)) << node.Log();
    EXPECT_EQ(401, testing::HttpGet(port, "/api/v1/orgs").status);  // no credentials
    EXPECT_EQ(0, node.Terminate()) << node.Log();
  }
  // Same data: migrations are not applied again and the database is reused.
  config::StorageSection section;
  section.sqlite = config::SqliteSection{dir_ + "/data/t.db"};
  EXPECT_EQ(3, storage::OpenStorage(section)->Open()->Query(
                   "SELECT COUNT(*) FROM schema_migrations WHERE module = ?", {std::string("orgs")})
                   .ScalarInt());
  NodeProcess again({"--config", config}, dir_ + "/run2.log");
  ASSERT_TRUE(again.WaitHealthy(port)) << again.Log();
  EXPECT_EQ(0, again.Terminate());
}

TEST_F(NodeBinaryTest, WritesOneAccessLogLinePerRequestToTheLogFile) {
  const std::uint16_t port = testing::FreePort();
  const std::string config = WriteConfig(
      "node: {id: t1, level: group, org: CN}\nhttp: {port: " + std::to_string(port) +
      "}\nstorage: {sqlite: {path: t.db}}\nlog: {level: information, console: false, file: logs/n.log}\n");
  {
    NodeProcess node({"--config", config}, dir_ + "/console.log");
    ASSERT_TRUE(node.WaitHealthy(port)) << node.Log();
    testing::HttpCall(port, "GET", "/api/v1/orgs/440000", "", {{"X-Request-Id", "log-probe-1"}});
    EXPECT_EQ(0, node.Terminate());  // flushes the asynchronous log channel
  }
  const std::string log = testing::ReadFile(dir_ + "/logs/n.log");
  EXPECT_NE(std::string::npos,
            log.find("id=log-probe-1 client=127.0.0.1 GET /api/v1/orgs/440000 route=/api/v1/orgs/{code} "
                     "status=401 ms="))
      << log;
  EXPECT_NE(std::string::npos, log.find("migration applied: orgs v1"));
}

TEST_F(NodeBinaryTest, RelativeConfigPathWorksFromAnyDirectory) {
  // A bare file name as --config, relative log and database paths: all resolve against the
  // config file's directory, whatever the working directory.
  const std::uint16_t port = testing::FreePort();
  WriteConfig("node: {id: t1, level: group, org: CN}\nhttp: {port: " + std::to_string(port) +
              "}\nstorage: {sqlite: {path: rel.db}}\nlog: {level: information, file: rel.log}\n");
  const std::string cwd = Poco::Path::current();
  ASSERT_EQ(0, chdir(dir_.c_str()));
  NodeProcess node({"--config", "node.yaml"}, dir_ + "/console.log");
  ASSERT_EQ(0, chdir(cwd.c_str()));
  ASSERT_TRUE(node.WaitHealthy(port)) << node.Log();
  EXPECT_EQ(0, node.Terminate());
  EXPECT_TRUE(Poco::File(dir_ + "/rel.db").exists());
  EXPECT_NE(std::string::npos, testing::ReadFile(dir_ + "/rel.log").find("GET /healthz"));
}

TEST_F(NodeBinaryTest, CreateAdminFromTheCommandLineThenLogIn) {
  const std::uint16_t port = testing::FreePort();
  const std::string config = WriteConfig(SqliteConfig(port));
  const std::map<std::string, std::string> env = {{"MAMS_NEW_USER_PASSWORD", "Lantern-Orchid-Stream-42"}};
  const auto created = RunNodeToExit({"--config", config, "--create-admin", "root.admin"}, 30, env);
  ASSERT_EQ(0, created.exit_code) << created.output;
  EXPECT_NE(std::string::npos, created.output.find("created user root.admin"));
  EXPECT_EQ(std::string::npos, created.output.find("Lantern")) << "password echoed";
  const auto again = RunNodeToExit({"--config", config, "--create-admin", "root.admin"}, 30, env);
  ExpectRefused(again, {"cannot create user 'root.admin': username 'root.admin' is taken"});
  const auto weak = RunNodeToExit({"--config", config, "--create-user", "x.user", "--role",
                                   "local_staff", "--org", "440100"},
                                  30, {{"MAMS_NEW_USER_PASSWORD", "password1234"}});
  ExpectRefused(weak, {"cannot create user 'x.user'", "(password)"});

  NodeProcess node({"--config", config}, dir_ + "/run.log");
  ASSERT_TRUE(node.WaitHealthy(port)) << node.Log();
  const auto login = testing::HttpCall(port, "POST", "/api/v1/auth/login",
                                       "{\"username\":\"root.admin\",\"password\":\"Lantern-Orchid-Stream-42\"}");
  EXPECT_EQ(200, login.status) << login.body;
  EXPECT_NE(std::string::npos, login.body.find("\"mfaRequired\":true"));  // administrators need TOTP
}

TEST_F(NodeBinaryTest, DatabaseNewerThanBinaryIsRefused) {
  const std::uint16_t port = testing::FreePort();
  const std::string config = WriteConfig(SqliteConfig(port));
  {
    NodeProcess node({"--config", config}, dir_ + "/run.log");
    ASSERT_TRUE(node.WaitHealthy(port)) << node.Log();
  }
  config::StorageSection section;
  section.sqlite = config::SqliteSection{dir_ + "/data/t.db"};
  storage::OpenStorage(section)->Open()->Execute(
      "INSERT INTO schema_migrations (module, version, description, applied_at) VALUES (?, ?, ?, ?)",
      {std::string("orgs"), std::int64_t{99}, std::string("future"), std::string("2030-01-01")});
  ExpectRefused(RunNodeToExit({"--config", config}),
                {"module 'orgs' is at version 99 but this mams-node knows only up to version 3"});
}

TEST_F(NodeBinaryTest, ServesHealthOnMariaDb) {
  testing::TestDatabase db(testing::Backend::kMysql);
  MAMS_REQUIRE_BACKEND(db);
  const auto& mysql = *db.section().mysql;
  const std::uint16_t port = testing::FreePort();
  const std::string config = WriteConfig(
      "node: {id: t-mysql, level: group, org: CN}\nhttp: {port: " + std::to_string(port) +
      "}\nstorage:\n  mysql:\n    host: " + mysql.host + "\n    port: " + std::to_string(mysql.port) +
      "\n    database: " + mysql.database + "\n    user: " + mysql.user +
      "\n    password_env: T_MYSQL_PW\nlog: {level: warning}\n");
  NodeProcess node({"--config", config}, dir_ + "/mysql.log", {{"T_MYSQL_PW", mysql.password}});
  ASSERT_TRUE(node.WaitHealthy(port)) << node.Log();
  const auto ready = testing::HttpGet(port, "/readyz");
  EXPECT_EQ(200, ready.status);
  EXPECT_NE(std::string::npos, ready.body.find("\"storage\":\"mysql\""));
  EXPECT_EQ(401, testing::HttpGet(port, "/api/v1/orgs/440000").status);
  EXPECT_EQ(0, node.Terminate()) << node.Log();
  EXPECT_EQ(std::string::npos, node.Log().find(mysql.password)) << "password leaked into the log";
}

}  // namespace
}  // namespace mams
