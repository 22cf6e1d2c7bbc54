#pragma once

// Dates and times as people in China read them: China Standard Time (UTC+8, no daylight
// saving). Pure arithmetic, no time-zone database.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mams::calendars {

inline constexpr std::int64_t kMinuteMs = 60 * 1000;
inline constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;
inline constexpr std::int64_t kChinaOffsetMs = 8 * 60 * kMinuteMs;

/// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t DayNumber(int year, int month, int day);
/// "YYYY-MM-DD" of a day number.
std::string DayText(std::int64_t day);
/// The day number of "YYYY-MM-DD" (a real date, 1900–2099); nothing otherwise.
std::optional<std::int64_t> ParseDay(std::string_view text);
/// 1 = Monday … 7 = Sunday.
int Weekday(std::int64_t day);
/// Unix ms of an ISO-8601 time with a zone ("2026-12-07T09:30:00Z", "…+08:00", optional
/// seconds and milliseconds); nothing for anything else.
std::optional<std::int64_t> ParseIsoTime(std::string_view text);
/// "HH:MM" as minutes after midnight (00:00–24:00); nothing otherwise.
std::optional<int> ParseClock(std::string_view text);
std::string ClockText(int minutes);

}  // namespace mams::calendars
