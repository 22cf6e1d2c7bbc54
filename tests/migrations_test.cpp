// Versioned migrations on both backends: applied once, recorded, and a database newer than
// the binary is refused.
#include <gtest/gtest.h>

#include "modules/orgs/org_repository.h"
#include "node/common/errors.h"
#include "node/storage/migrations.h"
#include "tests/support/test_backends.h"

namespace mams {
namespace {

storage::ModuleMigrations TwoSteps() {
  return {"demo",
          {{1, "create",
            [](storage::Session& s) {
              s.ExecuteRaw("CREATE TABLE demo (id VARCHAR(8) PRIMARY KEY)" + s.dialect().TableOptions());
            }},
           {2, "seed", [](storage::Session& s) {
              s.Execute("INSERT INTO demo (id) VALUES (?)", {std::string("one")});
            }}}};
}

class MigrationsTest : public testing::BackendTest {};

TEST_P(MigrationsTest, AppliesPendingStepsOnceAndRecordsThem) {
  const auto first = storage::ApplyMigrations(storage(), {TwoSteps()});
  ASSERT_EQ(2u, first.size());
  EXPECT_EQ(2, first[1].version);
  const auto second = storage::ApplyMigrations(storage(), {TwoSteps()});
  EXPECT_TRUE(second.empty());
  auto session = storage().Open();
  EXPECT_EQ(1, session->Query("SELECT COUNT(*) FROM demo").ScalarInt());
  EXPECT_EQ(2, storage::AppliedVersion(*session, "demo"));
}

TEST_P(MigrationsTest, AppliesOnlyTheNewStepsOfAnUpgrade) {
  auto v1 = TwoSteps();
  v1.migrations.pop_back();
  storage::ApplyMigrations(storage(), {v1});
  const auto applied = storage::ApplyMigrations(storage(), {TwoSteps()});
  ASSERT_EQ(1u, applied.size());
  EXPECT_EQ("seed", applied[0].description);
}

TEST_P(MigrationsTest, RefusesADatabaseNewerThanTheBinary) {
  storage::ApplyMigrations(storage(), {TwoSteps()});
  auto older = TwoSteps();
  older.migrations.pop_back();
  try {
    storage::ApplyMigrations(storage(), {older});
    FAIL() << "a newer schema was accepted";
  } catch (const StartupError& e) {
    const std::string message = e.what();
    EXPECT_NE(std::string::npos, message.find("module 'demo' is at version 2"));
    EXPECT_NE(std::string::npos, message.find("knows only up to version 1"));
  }
}

TEST_P(MigrationsTest, FailedStepNamesModuleVersionAndIsNotRecorded) {
  storage::ModuleMigrations broken{"broken",
                                   {{1, "bad sql", [](storage::Session& s) { s.ExecuteRaw("CREATE TABLE"); }}}};
  try {
    storage::ApplyMigrations(storage(), {broken});
    FAIL();
  } catch (const StartupError& e) {
    EXPECT_NE(std::string::npos, std::string(e.what()).find("migration broken v1 (bad sql) failed"));
  }
  auto session = storage().Open();
  EXPECT_EQ(0, storage::AppliedVersion(*session, "broken"));
}

TEST_P(MigrationsTest, OrgsModuleSeedsTheTreeOnBothBackends) {
  storage::ApplyMigrations(storage(), {{"orgs", orgs::OrgRepository::Migrations()}});
  auto session = storage().Open();
  const auto orgs = orgs::OrgRepository::LoadAll(*session);
  int provinces = 0;
  for (const auto& org : orgs) {
    provinces += org.level == scope::OrgLevel::kProvince ? 1 : 0;
  }
  EXPECT_EQ(31, provinces);
  const scope::OrgTree tree(orgs);
  ASSERT_NE(nullptr, tree.Find("440100"));
  EXPECT_EQ("广州市", tree.Find("440100")->name);
  EXPECT_TRUE(tree.Contains("440000", "440100"));
}

MAMS_TEST_ON_BOTH_BACKENDS(MigrationsTest);

}  // namespace
}  // namespace mams
