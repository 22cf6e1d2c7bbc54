#include "tests/support/test_backends.h"

#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/TemporaryFile.h>
#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace mams::testing {
namespace {

std::string RandomHex(int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i) {
    unsigned char byte = 0;
    RAND_bytes(&byte, 1);
    char text[3];
    std::snprintf(text, sizeof text, "%02x", byte);
    out += text;
  }
  return out;
}

}  // namespace

std::string BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "mysql";
}

std::string BackendParamName(const ::testing::TestParamInfo<Backend>& info) {
  return BackendName(info.param);
}

std::optional<config::MysqlSection> MysqlFromEnvironment() {
  const char* text = std::getenv("MAMS_TEST_MYSQL");
  if (text == nullptr || *text == '\0') {
    return std::nullopt;
  }
  config::MysqlSection mysql;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ';')) {
    const auto eq = part.find('=');
    if (eq == std::string::npos) {
      continue;
    }
    const std::string key = part.substr(0, eq);
    const std::string value = part.substr(eq + 1);
    if (key == "host") {
      mysql.host = value;
    } else if (key == "port") {
      mysql.port = static_cast<std::uint16_t>(std::stoi(value));
    } else if (key == "user") {
      mysql.user = value;
    } else if (key == "password") {
      mysql.password = value;
    } else if (key == "database") {
      mysql.database = value;
    }
  }
  mysql.password_source = "env:MAMS_TEST_MYSQL";
  return mysql;
}

bool MysqlRequired() {
  const char* value = std::getenv("MAMS_REQUIRE_MYSQL");
  return value != nullptr && std::string(value) == "1";
}

config::NodeConfig GroupNodeConfig(const std::string& node_id,
                                   const config::StorageSection& storage) {
  config::NodeConfig config;
  config.source_file = "test";
  config.node.id = node_id;
  config.node.level = config::Level::kGroup;
  config.node.org = "CN";
  config.http.port = 0;
  config.http.web_root = "";  // the API alone; a test that wants the console names one
  config.storage = storage;
  return config;
}

std::string MakeTempDir(const std::string& prefix) {
  const std::string path = "/tmp/" + prefix + "-" + RandomHex(6);
  Poco::File(path).createDirectories();
  return path;
}

void RemoveTree(const std::string& path) {
  // Empty when SetUp skipped (no MAMS_TEST_MYSQL) before choosing it; Poco::File asserts.
  if (path.empty()) {
    return;
  }
  Poco::File file(path);
  if (file.exists()) {
    file.remove(true);
  }
}

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  section_.pool_size = 8;
  section_.pool_wait_ms = 2000;
  if (backend == Backend::kSqlite) {
    temp_dir_ = MakeTempDir("mams-test-sqlite");
    config::SqliteSection sqlite;
    sqlite.path = temp_dir_ + "/test.db";
    section_.sqlite = sqlite;
    return;
  }
  auto mysql = MysqlFromEnvironment();
  if (!mysql) {
    available_ = false;
    return;
  }
  // One database per test keeps parallel ctest runs apart; the name is ours, not input.
  mysql_database_ = "mams_t_" + RandomHex(6);
  {
    config::StorageSection admin;
    admin.mysql = *mysql;
    auto storage = storage::OpenStorage(admin);
    storage->Open()->ExecuteRaw("CREATE DATABASE " + mysql_database_ +
                                " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
  }
  mysql->database = mysql_database_;
  section_.mysql = *mysql;
}

TestDatabase::~TestDatabase() {
  if (backend_ == Backend::kSqlite) {
    RemoveTree(temp_dir_);
    return;
  }
  if (mysql_database_.empty()) {
    return;
  }
  try {
    auto storage = storage::OpenStorage(section_);
    storage->Open()->ExecuteRaw("DROP DATABASE IF EXISTS " + mysql_database_);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "warning: could not drop test database %s: %s\n", mysql_database_.c_str(),
                 e.what());
  }
}

void BackendTest::SetUp() {
  Poco::Logger::root().setLevel("warning");
  db_ = std::make_unique<TestDatabase>(GetParam());
  MAMS_REQUIRE_BACKEND(*db_);
  SetUpBackend();
}

storage::Storage& BackendTest::storage() {
  if (!storage_) {
    storage_ = db_->Open();
  }
  return *storage_;
}

}  // namespace mams::testing
