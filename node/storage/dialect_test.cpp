#include "node/storage/dialect.h"

#include <gtest/gtest.h>

namespace mams::storage {
namespace {

TEST(Dialect, UpsertPerBackend) {
  EXPECT_EQ("INSERT INTO t (id, a, b) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET a = excluded.a, b = excluded.b",
            Dialect(Backend::kSqlite).Upsert("t", {"id", "a", "b"}, {"id"}));
  EXPECT_EQ("INSERT INTO t (id, a, b) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE a = VALUES(a), b = VALUES(b)",
            Dialect(Backend::kMysql).Upsert("t", {"id", "a", "b"}, {"id"}));
  EXPECT_EQ("INSERT INTO t (id) VALUES (?) ON CONFLICT (id) DO NOTHING",
            Dialect(Backend::kSqlite).Upsert("t", {"id"}, {"id"}));
}

TEST(Dialect, SmallDifferences) {
  const Dialect sqlite(Backend::kSqlite);
  const Dialect mysql(Backend::kMysql);
  EXPECT_EQ("INSERT OR IGNORE INTO t (a, b) VALUES (?, ?)", sqlite.InsertIgnore("t", {"a", "b"}));
  EXPECT_EQ("INSERT IGNORE INTO t (a, b) VALUES (?, ?)", mysql.InsertIgnore("t", {"a", "b"}));
  EXPECT_EQ("BEGIN IMMEDIATE", sqlite.BeginTransaction());
  EXPECT_EQ("", sqlite.TableOptions());
  EXPECT_NE(std::string::npos, mysql.TableOptions().find("utf8mb4"));
  EXPECT_NE(std::string::npos, mysql.TableOptions().find("InnoDB"));
  EXPECT_EQ("DROP INDEX i", sqlite.DropIndex("i", "t"));
  EXPECT_EQ("DROP INDEX i ON t", mysql.DropIndex("i", "t"));
  EXPECT_EQ("ANALYZE t", sqlite.RefreshStatistics("t"));
  EXPECT_EQ("", mysql.RefreshStatistics("t"));
}

}  // namespace
}  // namespace mams::storage
