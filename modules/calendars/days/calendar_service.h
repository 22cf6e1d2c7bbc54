#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/calendars/api/working_time.h"
#include "modules/calendars/days/calendar_store.h"
#include "modules/calendars/rules/work_calendar.h"

namespace mams {
class Clock;
namespace audit {
class AuditLog;
struct Actor;
}
namespace auth {
class DataScope;
}
namespace scope {
class OrgDirectory;
}
namespace storage {
class Storage;
}
}  // namespace mams

namespace mams::calendars {

/// One day of an org's effective calendar that differs from the week, and whose it is.
struct EffectiveDay {
  WorkDayRow row;  ///< row.org_code: the org whose entry decides (the org or an ancestor)
};

/// An org's calendar as it applies: its own entries over its ancestors' (docs/calendars.md).
struct EffectiveCalendar {
  std::string org;
  WorkHoursRow hours;     ///< hours.org_code: whose hours apply ("" for the default)
  std::vector<WorkDayRow> days;  ///< of the year asked for, each from the nearest org
  int working_days = 0;          ///< in that year
};

/// Working calendars: reads resolve an org's calendar from its own and its ancestors' rows;
/// writes change this node's own org only (each level keeps its calendar at its node, and
/// sync publishes it to the levels below). Every write is audited.
class CalendarService final : public WorkingTime {
 public:
  struct Sources {
    storage::Storage& storage;
    scope::OrgDirectory& orgs;
    const Clock& clock;
    const audit::AuditLog& audit;
    std::string node_id;
    std::string node_org;
  };
  explicit CalendarService(Sources sources);

  std::int64_t AddWorkingMs(const std::string& org, std::int64_t from_ms,
                            std::int64_t working_ms) const override;
  std::int64_t WorkingMsBetween(const std::string& org, std::int64_t from_ms,
                                std::int64_t to_ms) const override;

  /// This year in China Standard Time, by the node's clock.
  int CurrentYear() const;
  /// 404 unless `scope` allows `org`.
  EffectiveCalendar Effective(const auth::DataScope& scope, const std::string& org, int year) const;
  void SetDay(const auth::DataScope& scope, const audit::Actor& actor, const WorkDayRow& row);
  void RemoveDay(const auth::DataScope& scope, const audit::Actor& actor, const std::string& org,
                 const std::string& day);
  void SetHours(const auth::DataScope& scope, const audit::Actor& actor, const WorkHoursRow& row);

 private:
  /// An org's rows as they apply: the nearest org's hours (org_code "" for the default) and,
  /// per date, the nearest org's entry.
  struct Resolved {
    WorkHoursRow hours;
    std::map<std::string, WorkDayRow> days;  ///< by date
    WorkCalendar Calendar() const;
  };
  Resolved Resolve(const std::string& org) const;
  /// `org` and its ancestors, nearest first.
  std::vector<std::string> Chain(const std::string& org) const;
  WorkCalendar CalendarOf(const std::string& org) const;
  /// 404 outside the scope, 422 for another org than this node's.
  void RequireWritable(const auth::DataScope& scope, const std::string& org) const;
  std::string Now() const;

  Sources sources_;
};

}  // namespace mams::calendars
