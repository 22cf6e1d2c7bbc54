#include "modules/calendars/rules/work_calendar.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "modules/calendars/rules/civil_time.h"

namespace mams::calendars {
namespace {

constexpr std::int64_t kSearchDays = 3660;

// The day's working periods as local (UTC+8) ms since the epoch.
std::pair<std::int64_t, std::int64_t> Period(std::int64_t day, int start, int end) {
  return {day * kDayMs + start * kMinuteMs, day * kDayMs + end * kMinuteMs};
}

}  // namespace

bool WorkHours::Valid() const {
  return 0 <= morning_start && morning_start < morning_end && morning_end <= afternoon_start &&
         afternoon_start < afternoon_end && afternoon_end <= 24 * 60;
}

std::int64_t WorkHours::DayMs() const {
  return (morning_end - morning_start + afternoon_end - afternoon_start) * kMinuteMs;
}

WorkCalendar::WorkCalendar(WorkHours hours, std::map<std::int64_t, DayKind> special_days)
    : hours_(hours), special_days_(std::move(special_days)) {}

bool WorkCalendar::IsWorkingDay(std::int64_t day) const {
  const auto found = special_days_.find(day);
  if (found != special_days_.end()) {
    return found->second == DayKind::kWorkday;
  }
  return Weekday(day) <= 5;
}

std::int64_t WorkCalendar::AddWorkingMs(std::int64_t from_ms, std::int64_t working_ms) const {
  std::int64_t local = from_ms + kChinaOffsetMs;
  std::int64_t left = std::max<std::int64_t>(working_ms, 0);
  const std::int64_t first_day = local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
  for (std::int64_t day = first_day; day < first_day + kSearchDays; ++day) {
    if (!IsWorkingDay(day)) {
      continue;
    }
    for (const auto& [start, end] :
         {Period(day, hours_.morning_start, hours_.morning_end),
          Period(day, hours_.afternoon_start, hours_.afternoon_end)}) {
      const std::int64_t begin = std::max(local, start);
      if (begin >= end) {
        continue;
      }
      if (left <= end - begin) {
        return begin + left - kChinaOffsetMs;
      }
      left -= end - begin;
      local = end;
    }
  }
  throw std::range_error("no working day within ten years");
}

std::int64_t WorkCalendar::WorkingMsBetween(std::int64_t from_ms, std::int64_t to_ms) const {
  if (to_ms <= from_ms) {
    return 0;
  }
  const std::int64_t from = from_ms + kChinaOffsetMs;
  const std::int64_t to = to_ms + kChinaOffsetMs;
  const std::int64_t first_day = from >= 0 ? from / kDayMs : (from - kDayMs + 1) / kDayMs;
  std::int64_t total = 0;
  for (std::int64_t day = first_day; day * kDayMs < to; ++day) {
    if (!IsWorkingDay(day)) {
      continue;
    }
    for (const auto& [start, end] :
         {Period(day, hours_.morning_start, hours_.morning_end),
          Period(day, hours_.afternoon_start, hours_.afternoon_end)}) {
      total += std::max<std::int64_t>(0, std::min(end, to) - std::max(start, from));
    }
  }
  return total;
}

}  // namespace mams::calendars
