#include "modules/calendars/days/calendar_store.h"

#include "node/common/ids.h"
#include "node/entity/synced_table.h"
#include "node/storage/dialect.h"
#include "node/storage/storage.h"

namespace mams::calendars {
namespace {

#define MAMS_SYNC_COLUMNS                                                              \
  " org_code VARCHAR(32) NOT NULL, owner_node VARCHAR(64) NOT NULL,"                   \
  " version BIGINT NOT NULL DEFAULT 1, version_node VARCHAR(64) NOT NULL DEFAULT '',"  \
  " base_version BIGINT NOT NULL DEFAULT 0, updated_at VARCHAR(32) NOT NULL,"          \
  " deleted INTEGER NOT NULL DEFAULT 0"

constexpr const char* kTables[] = {
    "CREATE TABLE IF NOT EXISTS work_days (id VARCHAR(36) NOT NULL PRIMARY KEY,"
    " day CHAR(10) NOT NULL, kind VARCHAR(16) NOT NULL, name VARCHAR(50) NOT NULL DEFAULT '',"
    MAMS_SYNC_COLUMNS ")",
    "CREATE TABLE IF NOT EXISTS work_hours (id VARCHAR(36) NOT NULL PRIMARY KEY,"
    " morning_start CHAR(5) NOT NULL, morning_end CHAR(5) NOT NULL,"
    " afternoon_start CHAR(5) NOT NULL, afternoon_end CHAR(5) NOT NULL," MAMS_SYNC_COLUMNS ")",
};
#undef MAMS_SYNC_COLUMNS
constexpr const char* kIndexes[] = {
    "CREATE INDEX idx_work_days_org ON work_days (org_code, day)",
    "CREATE INDEX idx_work_days_sync_version ON work_days (version)",
    "CREATE INDEX idx_work_hours_sync_version ON work_hours (version)",
};

std::string DayId(const std::string& org, const std::string& day) {
  return StableRowId("work_day:" + org + ":" + day);
}

// "org_code IN (?, ?, …)" over the orgs, which come from the org tree, never from input.
std::string OrgsIn(const std::vector<std::string>& orgs, storage::SqlParams* params) {
  std::string sql = "org_code IN (";
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params->emplace_back(orgs[i]);
  }
  return orgs.empty() ? "1 = 0" : sql + ")";
}

const entity::SyncedTable& DaysTable() {
  static const entity::SyncedTable table("work_days");
  return table;
}
const entity::SyncedTable& HoursTable() {
  static const entity::SyncedTable table("work_hours");
  return table;
}

}  // namespace

void CalendarStore::CreateTables(storage::Session& session) {
  for (const char* sql : kTables) {
    session.ExecuteRaw(sql + session.dialect().TableOptions());
  }
  for (const char* sql : kIndexes) {
    session.ExecuteRaw(sql);
  }
}

std::vector<WorkDayRow> CalendarStore::Days(storage::Session& session,
                                            const std::vector<std::string>& orgs) {
  storage::SqlParams params;
  const std::string where = OrgsIn(orgs, &params);
  std::vector<WorkDayRow> rows;
  session.QueryRows("SELECT org_code, day, kind, name FROM work_days WHERE deleted = 0 AND " +
                        where + " ORDER BY org_code, day",
                    params, [&rows](const storage::RowView& row) {
                      rows.push_back({std::string(row.Text(0)), std::string(row.Text(1)),
                                      std::string(row.Text(2)), std::string(row.Text(3))});
                    });
  return rows;
}

std::vector<WorkHoursRow> CalendarStore::Hours(storage::Session& session,
                                               const std::vector<std::string>& orgs) {
  storage::SqlParams params;
  const std::string where = OrgsIn(orgs, &params);
  std::vector<WorkHoursRow> rows;
  session.QueryRows(
      "SELECT org_code, morning_start, morning_end, afternoon_start, afternoon_end FROM work_hours"
      " WHERE deleted = 0 AND " + where,
      params, [&rows](const storage::RowView& row) {
        rows.push_back({std::string(row.Text(0)), std::string(row.Text(1)),
                        std::string(row.Text(2)), std::string(row.Text(3)),
                        std::string(row.Text(4))});
      });
  return rows;
}

void CalendarStore::PutDay(storage::Session& session, const WorkDayRow& row,
                           const std::string& node_id, const std::string& now) {
  static const entity::SyncedStatement insert =
      DaysTable().Insert({"id", "org_code", "day", "kind", "name", "updated_at", "owner_node"});
  static const entity::SyncedStatement update =
      DaysTable().Update({"kind", "name", "updated_at", "deleted"}, "id = ?");
  const std::string id = DayId(row.org_code, row.day);
  const bool exists =
      session.Query("SELECT COUNT(*) FROM work_days WHERE id = ?", {id}).ScalarInt() > 0;
  if (exists) {
    update.Run(session, {row.kind, row.name, now, std::int64_t{0}, id});
  } else {
    insert.Run(session, {id, row.org_code, row.day, row.kind, row.name, now, node_id});
  }
}

bool CalendarStore::RemoveDay(storage::Session& session, const std::string& org,
                              const std::string& day, const std::string& now) {
  static const entity::SyncedStatement tombstone =
      DaysTable().Tombstone({"updated_at"}, "id = ? AND deleted = 0");
  const std::string id = DayId(org, day);
  if (session.Query("SELECT COUNT(*) FROM work_days WHERE id = ? AND deleted = 0", {id})
          .ScalarInt() == 0) {
    return false;
  }
  tombstone.Run(session, {now, id});
  return true;
}

void CalendarStore::PutHours(storage::Session& session, const WorkHoursRow& row,
                             const std::string& node_id, const std::string& now) {
  static const entity::SyncedStatement insert = HoursTable().Insert(
      {"id", "org_code", "morning_start", "morning_end", "afternoon_start", "afternoon_end",
       "updated_at", "owner_node"});
  static const entity::SyncedStatement update = HoursTable().Update(
      {"morning_start", "morning_end", "afternoon_start", "afternoon_end", "updated_at",
       "deleted"},
      "id = ?");
  const std::string id = StableRowId("work_hours:" + row.org_code);
  if (session.Query("SELECT COUNT(*) FROM work_hours WHERE id = ?", {id}).ScalarInt() > 0) {
    update.Run(session, {row.morning_start, row.morning_end, row.afternoon_start,
                         row.afternoon_end, now, std::int64_t{0}, id});
  } else {
    insert.Run(session, {id, row.org_code, row.morning_start, row.morning_end,
                         row.afternoon_start, row.afternoon_end, now, node_id});
  }
}

}  // namespace mams::calendars
