#include "modules/calendars/rules/civil_time.h"

#include <cstdio>

namespace mams::calendars {
namespace {

bool Digits(std::string_view text, std::size_t at, std::size_t count, int* value) {
  if (at + count > text.size()) {
    return false;
  }
  int v = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    v = v * 10 + (text[i] - '0');
  }
  *value = v;
  return true;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

// Howard Hinnant's days_from_civil.
std::int64_t DayNumber(int year, int month, int day) {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

std::string DayText(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

std::optional<std::int64_t> ParseDay(std::string_view text) {
  int year = 0, month = 0, day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !Digits(text, 0, 4, &year) ||
      !Digits(text, 5, 2, &month) || !Digits(text, 8, 2, &day) || year < 1900 || year > 2099 ||
      month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return std::nullopt;
  }
  return DayNumber(year, month, day);
}

int Weekday(std::int64_t day) {
  // 1970-01-01 was a Thursday (4).
  const std::int64_t shifted = (day + 3) % 7;
  return static_cast<int>((shifted < 0 ? shifted + 7 : shifted) + 1);
}

std::optional<std::int64_t> ParseIsoTime(std::string_view text) {
  if (text.size() < 17 || text[10] != 'T') {
    return std::nullopt;
  }
  const auto day = ParseDay(text.substr(0, 10));
  int hour = 0, minute = 0, second = 0, millis = 0;
  if (!day || !Digits(text, 11, 2, &hour) || text[13] != ':' || !Digits(text, 14, 2, &minute) ||
      hour > 23 || minute > 59) {
    return std::nullopt;
  }
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!Digits(text, at + 1, 2, &second) || second > 59) {
      return std::nullopt;
    }
    at += 3;
    if (at < text.size() && text[at] == '.') {
      if (!Digits(text, at + 1, 3, &millis)) {
        return std::nullopt;
      }
      at += 4;
    }
  }
  std::int64_t offset_ms = 0;
  const std::string_view zone = text.substr(at);
  if (zone != "Z") {
    int zone_hours = 0, zone_minutes = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
        !Digits(zone, 1, 2, &zone_hours) || !Digits(zone, 4, 2, &zone_minutes) ||
        zone_hours > 14 || zone_minutes > 59) {
      return std::nullopt;
    }
    offset_ms = (zone_hours * 60 + zone_minutes) * kMinuteMs * (zone[0] == '+' ? 1 : -1);
  }
  return *day * kDayMs + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset_ms;
}

std::optional<int> ParseClock(std::string_view text) {
  int hour = 0, minute = 0;
  if (text.size() != 5 || text[2] != ':' || !Digits(text, 0, 2, &hour) ||
      !Digits(text, 3, 2, &minute) || minute > 59 || hour > 24 || (hour == 24 && minute != 0)) {
    return std::nullopt;
  }
  return hour * 60 + minute;
}

std::string ClockText(int minutes) {
  const int hour = minutes / 60 % 100;
  const int minute = minutes % 60;
  return {static_cast<char>('0' + hour / 10), static_cast<char>('0' + hour % 10), ':',
          static_cast<char>('0' + minute / 10), static_cast<char>('0' + minute % 10)};
}

}  // namespace mams::calendars
