#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/calendars/rules/work_calendar.h"

namespace mams::storage {
class Session;
}

namespace mams::calendars {

/// One special day of one org's calendar (a reference row, published down from the org's node).
struct WorkDayRow {
  std::string org_code;
  std::string day;   ///< YYYY-MM-DD
  std::string kind;  ///< "holiday" or "workday"
  std::string name;  ///< 春节, 调休上班, …
};

/// An org's working hours ("HH:MM" each).
struct WorkHoursRow {
  std::string org_code;
  std::string morning_start, morning_end, afternoon_start, afternoon_end;
};

/// All SQL of the calendars: work_days and work_hours, both reference tables.
class CalendarStore {
 public:
  static void CreateTables(storage::Session& session);
  /// The live special days of `orgs`, each org's in day order.
  static std::vector<WorkDayRow> Days(storage::Session& session,
                                      const std::vector<std::string>& orgs);
  static std::vector<WorkHoursRow> Hours(storage::Session& session,
                                         const std::vector<std::string>& orgs);
  /// Inserts or revives the row of (org, day); stamped with the transaction's version.
  static void PutDay(storage::Session& session, const WorkDayRow& row, const std::string& node_id,
                     const std::string& now);
  /// Tombstones it; false when there was no live row.
  static bool RemoveDay(storage::Session& session, const std::string& org, const std::string& day,
                        const std::string& now);
  static void PutHours(storage::Session& session, const WorkHoursRow& row,
                       const std::string& node_id, const std::string& now);
};

}  // namespace mams::calendars
