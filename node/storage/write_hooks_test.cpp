#include "node/storage/write_hooks.h"

#include <gtest/gtest.h>

namespace mams::storage {
namespace {

TEST(TargetOf, NamesTheTableAStatementWrites) {
  using Kind = StatementTarget::Kind;
  const struct {
    const char* sql;
    Kind kind;
    const char* table;
  } cases[] = {
      {"INSERT INTO customers (id) VALUES (?)", Kind::kInsert, "customers"},
      {"  insert or ignore into orgs (id) VALUES (?)", Kind::kInsert, "orgs"},
      {"INSERT IGNORE INTO orgs (id) VALUES (?)", Kind::kInsert, "orgs"},
      {"INSERT OR REPLACE INTO t(x) VALUES (?)", Kind::kInsert, "t"},
      {"REPLACE INTO t (x) VALUES (?)", Kind::kInsert, "t"},
      {"UPDATE customer_events SET x = ?", Kind::kUpdate, "customer_events"},
      {"DELETE FROM contacts WHERE id = ?", Kind::kDelete, "contacts"},
      {"SELECT * FROM customers", Kind::kNone, ""},
      {"UPDATEX customers SET", Kind::kNone, ""},
      {"BEGIN IMMEDIATE", Kind::kNone, ""},
      {"CREATE TABLE t (x INT)", Kind::kNone, ""},
  };
  for (const auto& c : cases) {
    const StatementTarget target = TargetOf(c.sql);
    EXPECT_EQ(c.kind, target.kind) << c.sql;
    EXPECT_EQ(c.table, target.table) << c.sql;
  }
}

}  // namespace
}  // namespace mams::storage
