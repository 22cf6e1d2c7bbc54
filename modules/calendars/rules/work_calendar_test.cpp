#include "modules/calendars/rules/work_calendar.h"

#include <gtest/gtest.h>

#include "modules/calendars/rules/civil_time.h"

namespace mams::calendars {
namespace {

constexpr std::int64_t kHourMs = 60 * kMinuteMs;

std::int64_t At(const char* iso) { return *ParseIsoTime(iso); }
std::string Iso(std::int64_t ms) {
  const std::int64_t local = ms + kChinaOffsetMs;
  return DayText(local / kDayMs) + " " + ClockText(static_cast<int>(local % kDayMs / kMinuteMs));
}

// 2026-10-01 (Thu) to 10-07 a holiday; Sunday 09-27 and Saturday 10-10 made-up working days.
WorkCalendar NationalDay() {
  std::map<std::int64_t, DayKind> special;
  for (int d = 1; d <= 7; ++d) {
    special[DayNumber(2026, 10, d)] = DayKind::kHoliday;
  }
  special[DayNumber(2026, 9, 27)] = DayKind::kWorkday;
  special[DayNumber(2026, 10, 10)] = DayKind::kWorkday;
  return WorkCalendar(WorkHours{}, special);
}

TEST(CivilTime, DatesWeekdaysAndTimesRoundTrip) {
  EXPECT_EQ("2026-12-07", DayText(DayNumber(2026, 12, 7)));
  EXPECT_EQ(1, Weekday(DayNumber(2026, 12, 7)));  // a Monday
  EXPECT_EQ(7, Weekday(DayNumber(2026, 12, 6)));
  EXPECT_EQ(DayNumber(2028, 2, 29), ParseDay("2028-02-29"));
  EXPECT_FALSE(ParseDay("2026-02-29"));
  EXPECT_FALSE(ParseDay("2026-13-01"));
  EXPECT_FALSE(ParseDay("26-1-1"));
  EXPECT_EQ(At("2026-12-07T01:30:00Z"), At("2026-12-07T09:30+08:00"));
  EXPECT_EQ(At("2026-12-07T01:30:00.250Z") - At("2026-12-07T01:30:00Z"), 250);
  EXPECT_FALSE(ParseIsoTime("2026-12-07 09:30"));
  EXPECT_FALSE(ParseIsoTime("2026-12-07T25:00Z"));
  EXPECT_FALSE(ParseIsoTime("2026-12-07T09:30"));
  EXPECT_EQ(13 * 60 + 30, ParseClock("13:30"));
  EXPECT_FALSE(ParseClock("24:01"));
  EXPECT_FALSE(ParseClock("9:00"));
}

TEST(WorkCalendar, HoursSkipLunchNightsAndWeekends) {
  const WorkCalendar calendar(WorkHours{}, {});
  // Monday 10:00 + 4 h: two hours before lunch, two after it.
  EXPECT_EQ("2026-12-07 15:30", Iso(calendar.AddWorkingMs(At("2026-12-07T10:00+08:00"), 4 * kHourMs)));
  // Friday 17:00 + 2 h: one hour on Friday, the next on Monday morning.
  EXPECT_EQ("2026-12-14 10:00", Iso(calendar.AddWorkingMs(At("2026-12-11T17:00+08:00"), 2 * kHourMs)));
  // Raised on Saturday night: the clock starts on Monday at 09:00.
  EXPECT_EQ("2026-12-14 09:30", Iso(calendar.AddWorkingMs(At("2026-12-12T22:00+08:00"), 30 * kMinuteMs)));
  // Zero is the start of the next working period when outside one.
  EXPECT_EQ("2026-12-07 13:30", Iso(calendar.AddWorkingMs(At("2026-12-07T12:10+08:00"), 0)));
  EXPECT_EQ(7 * kHourMs + 30 * kMinuteMs, WorkHours{}.DayMs());
  EXPECT_EQ(4 * kHourMs, calendar.WorkingMsBetween(At("2026-12-07T10:00+08:00"), At("2026-12-07T15:30+08:00")));
  EXPECT_EQ(2 * kHourMs, calendar.WorkingMsBetween(At("2026-12-11T17:00+08:00"), At("2026-12-14T10:00+08:00")));
  EXPECT_EQ(0, calendar.WorkingMsBetween(At("2026-12-12T09:00+08:00"), At("2026-12-12T18:00+08:00")));
}

TEST(WorkCalendar, HolidaysAndMadeUpWorkingDays) {
  const WorkCalendar calendar = NationalDay();
  EXPECT_TRUE(calendar.IsWorkingDay(DayNumber(2026, 9, 27)));   // a Sunday, made up
  EXPECT_FALSE(calendar.IsWorkingDay(DayNumber(2026, 10, 5)));  // a Monday, holiday
  // Wednesday 09-30 17:00 + 3 h: 1 h that day, then the holiday, then 2 h on Thursday 10-08.
  EXPECT_EQ("2026-10-08 11:00", Iso(calendar.AddWorkingMs(At("2026-09-30T17:00+08:00"), 3 * kHourMs)));
  // Friday 10-09 17:00 + 2 h: Saturday 10-10 is worked.
  EXPECT_EQ("2026-10-10 10:00", Iso(calendar.AddWorkingMs(At("2026-10-09T17:00+08:00"), 2 * kHourMs)));
}

TEST(WorkCalendar, NoWorkingDayAtAllIsAnErrorNotALoop) {
  std::map<std::int64_t, DayKind> every;
  const std::int64_t start = DayNumber(2026, 1, 1);
  for (std::int64_t d = start; d < start + 3700; ++d) {
    every[d] = DayKind::kHoliday;
  }
  const WorkCalendar calendar(WorkHours{}, every);
  EXPECT_THROW(calendar.AddWorkingMs(At("2026-01-01T09:00+08:00"), kHourMs), std::range_error);
  EXPECT_FALSE((WorkHours{14 * 60, 12 * 60, 13 * 60, 18 * 60}.Valid()));
  EXPECT_FALSE((WorkHours{9 * 60, 12 * 60, 11 * 60, 18 * 60}.Valid()));
}

}  // namespace
}  // namespace mams::calendars
