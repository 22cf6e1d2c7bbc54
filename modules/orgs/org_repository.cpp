#include "modules/orgs/org_repository.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>

#include "modules/orgs/org_seed.h"

namespace mams::orgs {
namespace {

constexpr char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS orgs ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY,"
    " code VARCHAR(32) NOT NULL,"
    " name VARCHAR(128) NOT NULL,"
    " name_en VARCHAR(128) NOT NULL,"
    " level VARCHAR(16) NOT NULL,"
    " parent_code VARCHAR(32),"
    " sort_order INTEGER NOT NULL DEFAULT 0,"
    " org_code VARCHAR(32) NOT NULL,"
    " owner_node VARCHAR(64) NOT NULL,"
    " version BIGINT NOT NULL DEFAULT 0,"
    " updated_at VARCHAR(32) NOT NULL,"
    " deleted INTEGER NOT NULL DEFAULT 0,"
    " CONSTRAINT uq_orgs_code UNIQUE (code))";
constexpr char kCreateParentIndex[] = "CREATE INDEX idx_orgs_parent ON orgs (parent_code)";
constexpr char kSelectLive[] =
    "SELECT id, code, name, name_en, level, parent_code, sort_order FROM orgs WHERE deleted = 0";
const std::vector<std::string_view> kInsertColumns = {
    "id",         "code",       "name",     "name_en", "level",      "parent_code",
    "sort_order", "org_code",   "owner_node", "version", "updated_at", "deleted"};

// Rows of the shipped reference list belong to no node; a real node id takes over a row
// when it is edited.
constexpr char kSeedOwner[] = "seed";

}  // namespace

std::vector<storage::Migration> OrgRepository::Migrations() {
  return {
      {1, "orgs table",
       [](storage::Session& session) {
         session.ExecuteRaw(std::string(kCreateTable) + session.dialect().TableOptions());
         session.ExecuteRaw(kCreateParentIndex);
       }},
      {2, "seed group, 31 provinces and sample local networks",
       [](storage::Session& session) { InsertMissing(session, SeedOrgs()); }},
      {3, "sync bookkeeping: version_node, base_version, rows by version",
       [](storage::Session& session) { storage::AddSyncVersionColumns(session, "orgs"); }},
  };
}

int OrgRepository::InsertMissing(storage::Session& session, const std::vector<scope::Org>& orgs) {
  const std::string sql = session.dialect().InsertIgnore("orgs", kInsertColumns);
  const std::string now =
      Poco::DateTimeFormatter::format(Poco::DateTime(), Poco::DateTimeFormat::ISO8601_FORMAT);
  int inserted = 0;
  for (const auto& org : orgs) {
    const storage::SqlValue parent =
        org.parent_code.empty() ? storage::SqlValue(nullptr) : storage::SqlValue(org.parent_code);
    inserted += static_cast<int>(session.Execute(
        sql, {org.id, org.code, org.name, org.name_en,
              std::string(scope::OrgLevelName(org.level)), parent,
              std::int64_t{org.sort_order}, org.code, std::string(kSeedOwner), std::int64_t{0},
              now, std::int64_t{0}}));
  }
  return inserted;
}

std::vector<scope::Org> OrgRepository::LoadAll(storage::Session& session) {
  const storage::ResultSet rows = session.Query(kSelectLive);
  std::vector<scope::Org> orgs;
  orgs.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const storage::Row row = rows[i];
    scope::Org org;
    org.id = row.Text(0);
    org.code = row.Text(1);
    org.name = row.Text(2);
    org.name_en = row.Text(3);
    const auto level = scope::ParseOrgLevel(row.Text(4));
    if (!level) {
      throw storage::StorageError(storage::StorageErrorKind::kSchema,
                                  "orgs row " + org.code + " has unknown level '" +
                                      row.Text(4) + "'");
    }
    org.level = *level;
    org.parent_code = row.OptionalText(5).value_or("");
    org.sort_order = static_cast<int>(row.Int(6));
    orgs.push_back(std::move(org));
  }
  return orgs;
}

}  // namespace mams::orgs
