#pragma once

// Real databases for tests: a fresh SQLite file in a temp dir, or a fresh MariaDB database
// on the server that deploy/test.sh started (MAMS_TEST_MYSQL). No mocks.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "node/config/node_config.h"
#include "node/storage/storage.h"

namespace mams::testing {

enum class Backend { kSqlite, kMysql };

std::string BackendName(Backend backend);

inline void PrintTo(Backend backend, std::ostream* out) { *out << BackendName(backend); }

/// Names parameterised tests ".../sqlite" and ".../mysql".
std::string BackendParamName(const ::testing::TestParamInfo<Backend>& info);

/// Connection settings parsed from MAMS_TEST_MYSQL ("host=..;port=..;user=..;password=..;
/// database=.."), or nothing when it is unset.
std::optional<config::MysqlSection> MysqlFromEnvironment();

/// True when MAMS_REQUIRE_MYSQL=1: a missing MariaDB is then a failure, not a skip.
bool MysqlRequired();

/// An empty database that is removed when this object dies.
class TestDatabase {
 public:
  explicit TestDatabase(Backend backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  /// False for MySQL when MAMS_TEST_MYSQL is not set.
  bool available() const { return available_; }
  const config::StorageSection& section() const { return section_; }
  const std::string& temp_dir() const { return temp_dir_; }
  std::unique_ptr<storage::Storage> Open() const { return storage::OpenStorage(section_); }

 private:
  Backend backend_;
  bool available_ = true;
  config::StorageSection section_;
  std::string temp_dir_;
  std::string mysql_database_;
};

/// A group-level node serving CN on a free loopback port over `storage`: the node most
/// system tests start.
config::NodeConfig GroupNodeConfig(const std::string& node_id,
                                   const config::StorageSection& storage);

/// A new empty directory under /tmp, removed by the caller (or left for inspection).
std::string MakeTempDir(const std::string& prefix);
void RemoveTree(const std::string& path);

}  // namespace mams::testing

/// Runs the TEST_Ps of `fixture` (a TestWithParam<Backend>) on SQLite and on MariaDB, named
/// "Backends/<fixture>.<test>/sqlite" and ".../mysql".
#define MAMS_TEST_ON_BOTH_BACKENDS(fixture)                                                   \
  INSTANTIATE_TEST_SUITE_P(                                                                   \
      Backends, fixture,                                                                      \
      ::testing::Values(::mams::testing::Backend::kSqlite, ::mams::testing::Backend::kMysql), \
      ::mams::testing::BackendParamName)

/// Skips the current test when the MySQL backend is not configured, loudly; fails instead
/// when MAMS_REQUIRE_MYSQL=1 (as in deploy/test.sh).
#define MAMS_REQUIRE_BACKEND(db)                                                           \
  do {                                                                                     \
    if (!(db).available()) {                                                               \
      if (::mams::testing::MysqlRequired()) {                                              \
        FAIL() << "MAMS_REQUIRE_MYSQL=1 but MAMS_TEST_MYSQL is not set";                   \
      }                                                                                    \
      GTEST_SKIP() << "*** MySQL backend SKIPPED: set MAMS_TEST_MYSQL (deploy/test.sh "    \
                      "does) to run this test against MariaDB ***";                        \
    }                                                                                      \
  } while (false)

namespace mams::testing {

/// A test that runs once per backend (instantiate it with `::testing::Values(Backend::kSqlite,
/// Backend::kMysql)`) over a fresh empty database `db_`, with POCO's logging at warnings. A
/// backend that is not configured skips the test as MAMS_REQUIRE_BACKEND says, before
/// SetUpBackend() runs.
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  /// The fixture's own set-up, once the database exists.
  virtual void SetUpBackend() {}
  /// The database, opened on first use and closed before it is removed.
  storage::Storage& storage();

  std::unique_ptr<TestDatabase> db_;

 private:
  std::unique_ptr<storage::Storage> storage_;
};

}  // namespace mams::testing
