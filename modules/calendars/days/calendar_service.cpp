#include "modules/calendars/days/calendar_service.h"

#include <map>

#include "modules/calendars/rules/civil_time.h"
#include "node/audit/audit_log.h"
#include "node/auth/data_scope.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/scope/org_tree.h"
#include "node/storage/storage.h"

namespace mams::calendars {
namespace {

ApiError NotFound() { return ApiError(ErrorKind::kNotFound, "not_found", "no such org"); }

WorkHours HoursOf(const WorkHoursRow& row) {
  return WorkHours{*ParseClock(row.morning_start), *ParseClock(row.morning_end),
                   *ParseClock(row.afternoon_start), *ParseClock(row.afternoon_end)};
}

WorkHoursRow RowOf(const std::string& org, const WorkHours& hours) {
  return {org, ClockText(hours.morning_start), ClockText(hours.morning_end),
          ClockText(hours.afternoon_start), ClockText(hours.afternoon_end)};
}

// The rows of the nearest org of `chain` that has one, by key.
template <typename Row, typename Key>
std::map<std::string, Row> Nearest(const std::vector<std::string>& chain,
                                   const std::vector<Row>& rows, Key key) {
  std::map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    rank[chain[i]] = i;
  }
  std::map<std::string, Row> nearest;
  for (const auto& row : rows) {
    const auto [at, added] = nearest.emplace(key(row), row);
    if (!added && rank[row.org_code] < rank[at->second.org_code]) {
      at->second = row;
    }
  }
  return nearest;
}

}  // namespace

CalendarService::CalendarService(Sources sources) : sources_(std::move(sources)) {}

std::string CalendarService::Now() const { return FormatIsoUtc(sources_.clock.NowMs()); }

int CalendarService::CurrentYear() const {
  return std::stoi(FormatIsoUtc(sources_.clock.NowMs() + kChinaOffsetMs).substr(0, 4));
}

std::vector<std::string> CalendarService::Chain(const std::string& org) const {
  const auto tree = sources_.orgs.Current();
  std::vector<std::string> chain;
  for (const scope::Org* at = tree->Find(org); at != nullptr;
       at = at->parent_code.empty() ? nullptr : tree->Find(at->parent_code)) {
    chain.push_back(at->code);
  }
  return chain;
}

CalendarService::Resolved CalendarService::Resolve(const std::string& org) const {
  const auto chain = Chain(org);
  auto session = sources_.storage.Open();
  Resolved resolved;
  resolved.hours = RowOf("", WorkHours{});
  const auto hours_rows =
      Nearest(chain, CalendarStore::Hours(*session, chain), [](const auto&) { return ""; });
  if (!hours_rows.empty()) {
    resolved.hours = hours_rows.begin()->second;
  }
  resolved.days = Nearest(chain, CalendarStore::Days(*session, chain),
                          [](const WorkDayRow& r) { return r.day; });
  return resolved;
}

WorkCalendar CalendarService::Resolved::Calendar() const {
  std::map<std::int64_t, DayKind> special;
  for (const auto& [day, row] : days) {
    special[*ParseDay(day)] = row.kind == "workday" ? DayKind::kWorkday : DayKind::kHoliday;
  }
  return WorkCalendar(HoursOf(hours), std::move(special));
}

WorkCalendar CalendarService::CalendarOf(const std::string& org) const {
  return Resolve(org).Calendar();
}

std::int64_t CalendarService::AddWorkingMs(const std::string& org, std::int64_t from_ms,
                                           std::int64_t working_ms) const {
  return CalendarOf(org).AddWorkingMs(from_ms, working_ms);
}

std::int64_t CalendarService::WorkingMsBetween(const std::string& org, std::int64_t from_ms,
                                               std::int64_t to_ms) const {
  return CalendarOf(org).WorkingMsBetween(from_ms, to_ms);
}

EffectiveCalendar CalendarService::Effective(const auth::DataScope& scope, const std::string& org,
                                             int year) const {
  if (!scope.Allows(org)) {
    throw NotFound();
  }
  const Resolved resolved = Resolve(org);
  EffectiveCalendar calendar;
  calendar.org = org;
  calendar.hours = resolved.hours;
  const std::string prefix = std::to_string(year) + "-";
  for (const auto& [day, row] : resolved.days) {
    if (day.rfind(prefix, 0) == 0) {
      calendar.days.push_back(row);
    }
  }
  const WorkCalendar rules = resolved.Calendar();
  for (std::int64_t day = DayNumber(year, 1, 1); day < DayNumber(year + 1, 1, 1); ++day) {
    calendar.working_days += rules.IsWorkingDay(day) ? 1 : 0;
  }
  return calendar;
}

void CalendarService::RequireWritable(const auth::DataScope& scope, const std::string& org) const {
  if (!scope.Allows(org)) {
    throw NotFound();
  }
  if (org != sources_.node_org) {
    throw ApiError(ErrorKind::kUnprocessable, "calendar_elsewhere",
                   "the calendar of " + org + " is kept at its own node; this node keeps " +
                       sources_.node_org + "'s",
                   "org")
        .With("org", org)
        .With("here", sources_.node_org);
  }
}

void CalendarService::SetDay(const auth::DataScope& scope, const audit::Actor& actor,
                             const WorkDayRow& row) {
  RequireWritable(scope, row.org_code);
  auto session = sources_.storage.Open();
  storage::Transaction transaction(*session);
  CalendarStore::PutDay(*session, row, sources_.node_id, Now());
  auto entry = audit::EntryFor("calendar.day", "work_day", row.day, row.org_code);
  entry.after = "{\"kind\":\"" + row.kind + "\"}";
  sources_.audit.Append(*session, actor, entry);
  transaction.Commit();
}

void CalendarService::RemoveDay(const auth::DataScope& scope, const audit::Actor& actor,
                                const std::string& org, const std::string& day) {
  RequireWritable(scope, org);
  auto session = sources_.storage.Open();
  storage::Transaction transaction(*session);
  if (!CalendarStore::RemoveDay(*session, org, day, Now())) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no entry for " + day);
  }
  sources_.audit.Append(*session, actor, audit::EntryFor("calendar.day_remove", "work_day", day, org));
  transaction.Commit();
}

void CalendarService::SetHours(const auth::DataScope& scope, const audit::Actor& actor,
                               const WorkHoursRow& row) {
  RequireWritable(scope, row.org_code);
  auto session = sources_.storage.Open();
  storage::Transaction transaction(*session);
  CalendarStore::PutHours(*session, row, sources_.node_id, Now());
  auto entry = audit::EntryFor("calendar.hours", "work_hours", row.org_code, row.org_code);
  entry.after = "{\"morningStart\":\"" + row.morning_start + "\",\"afternoonEnd\":\"" +
                row.afternoon_end + "\"}";
  sources_.audit.Append(*session, actor, entry);
  transaction.Commit();
}

}  // namespace mams::calendars
