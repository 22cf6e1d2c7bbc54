// The declared entities match the tables their migrations create, on both backends: every
// declared column exists, every column of the table is declared or is bookkeeping, and a
// synced entity is one its module hands to sync. Migrations stay as released (deployed
// databases ran them); this is what keeps a declaration from drifting from them.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "modules/accounts/contacts/contact_entities.h"
#include "modules/accounts/customers/customer_entities.h"
#include "modules/identity/identity_entities.h"
#include "modules/messages/inbox/message_entity.h"
#include "node/app/module_list.h"
#include "node/storage/migrations.h"
#include "tests/support/test_backends.h"

namespace mams {
namespace {

struct Declared {
  const entity::EntityShape& shape;
  std::set<std::string> undeclared;  ///< columns the table has that the entity leaves out
};

std::vector<Declared> AllDeclared() {
  const std::set<std::string> sync = {"owner_node", "version_node", "base_version", "deleted"};
  std::set<std::string> customers = sync;
  customers.insert("name_key");  // derived from the name by the repository
  return {
      {identity::UserEntity().shape(), {"owner_node", "deleted"}},
      {identity::RoleEntity().shape(), {"org_code", "owner_node", "updated_at", "deleted"}},
      {accounts::CustomerEntity().shape(), customers},
      {accounts::ContactEntity().shape(), sync},
      {accounts::VisitEntity().shape(), sync},
      {messages::MessageEntity().shape(), sync},
  };
}

class EntitySchemaTest : public testing::BackendTest {
 protected:
  void SetUpBackend() override {
    std::vector<storage::ModuleMigrations> migrations;
    for (const auto& module : app::AllModules()) {
      migrations.push_back({module.name, module.migrations});
      for (const auto& table : module.sync_tables) {
        synced_.insert(table.table);
      }
    }
    storage::ApplyMigrations(storage(), migrations);
  }

  std::set<std::string> synced_;
};

TEST_P(EntitySchemaTest, EveryDeclaredEntityMatchesItsMigratedTable) {
  auto session = storage().Open();
  for (const auto& declared : AllDeclared()) {
    const auto& shape = declared.shape;
    SCOPED_TRACE(shape.table());
    // Every declared column is there: the entity's own SELECT runs.
    EXPECT_NO_THROW(session->Query(shape.SelectSql() + " WHERE 1 = 0"));
    // Every column of the table is declared or is bookkeeping.
    const auto all = session->Query("SELECT * FROM " + shape.table() + " WHERE 1 = 0");
    for (const auto& column : all.columns()) {
      EXPECT_TRUE(shape.ByColumn(column) != nullptr || declared.undeclared.count(column) > 0)
          << "column " << column << " is not declared";
    }
    EXPECT_EQ(shape.sync() == entity::Sync::kSynced, synced_.count(shape.table()) > 0);
  }
}

TEST_P(EntitySchemaTest, ANewSyncedTableIsCreatedFromItsDeclaration) {
  auto session = storage().Open();
  struct Note {
    std::string id, org_code, text, updated_at;
    std::int64_t version = 1;
  };
  using F = entity::Field<Note>;
  const entity::Entity<Note> notes(
      "entity_schema_notes", entity::Sync::kSynced,
      {F::Of("id", "id", &Note::id).Sql("VARCHAR(36)"),
       F::Of("org_code", "org", &Note::org_code).Sql("VARCHAR(32)"),
       F::Of("text", "text", &Note::text).MaxLength(100).Sql("VARCHAR(100)", "''"),
       F::Of("updated_at", "updatedAt", &Note::updated_at).Type(entity::FieldType::kTimestamp),
       F::Of("version", "version", &Note::version).Sql("BIGINT", "1")});
  for (const auto& statement : notes.shape().CreateTableSql(session->dialect())) {
    session->ExecuteRaw(statement);
  }
  const auto all = session->Query("SELECT * FROM entity_schema_notes WHERE 1 = 0");
  EXPECT_EQ((std::vector<std::string>{"id", "org_code", "text", "updated_at", "version",
                                      "owner_node", "version_node", "base_version", "deleted"}),
            all.columns());
  // A row written through SyncedTable carries the stamp.
  storage::Transaction transaction(*session);
  Note note{"n1", "CN", "hello", "2026-01-01T00:00:00Z"};
  entity::SyncedTable("entity_schema_notes")
      .InsertAll(notes.shape(), {"owner_node"})
      .Run(*session, [&] {
        auto values = notes.WrittenValues(note);
        values.emplace_back(std::string("node-a"));
        return values;
      }());
  const std::int64_t version = session->WriteVersion();
  transaction.Commit();
  const auto rows = session->Query(notes.SelectSql() + " WHERE id = ?", {std::string("n1")});
  ASSERT_EQ(1U, rows.size());
  EXPECT_EQ(version, notes.Read(rows[0]).version);
  EXPECT_EQ("hello", notes.Read(rows[0]).text);
}

MAMS_TEST_ON_BOTH_BACKENDS(EntitySchemaTest);

}  // namespace
}  // namespace mams
