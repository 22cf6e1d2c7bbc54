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
