#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace mams::calendars {

/// An office day's two working periods in minutes after midnight, China Standard Time
/// (the lunch break between them): 09:00–12:00 and 13:30–18:00 unless an org says otherwise.
struct WorkHours {
  int morning_start = 9 * 60;
  int morning_end = 12 * 60;
  int afternoon_start = 13 * 60 + 30;
  int afternoon_end = 18 * 60;

  /// start < end within each period, the morning before the afternoon, all within the day.
  bool Valid() const;
  std::int64_t DayMs() const;
};

/// What a date is, where it differs from the week: a public holiday on a weekday, or a
/// make-up working day (调休) on a weekend.
enum class DayKind { kHoliday, kWorkday };

/// The working time of one org: its hours and its special days (day number → kind); other
/// days work Monday to Friday. Pure: built by the calendars service from the org's rows and
/// its ancestors'.
class WorkCalendar {
 public:
  WorkCalendar(WorkHours hours, std::map<std::int64_t, DayKind> special_days);

  bool IsWorkingDay(std::int64_t day) const;
  /// The instant `working_ms` of working time after `from_ms` (both Unix ms); a time limit
  /// that starts outside working hours starts at the next working period. Throws
  /// std::range_error when no working day comes within ten years.
  std::int64_t AddWorkingMs(std::int64_t from_ms, std::int64_t working_ms) const;
  /// Working time between two instants (0 when `to_ms` is not after `from_ms`).
  std::int64_t WorkingMsBetween(std::int64_t from_ms, std::int64_t to_ms) const;

  const WorkHours& hours() const { return hours_; }

 private:
  WorkHours hours_;
  std::map<std::int64_t, DayKind> special_days_;
};

}  // namespace mams::calendars
