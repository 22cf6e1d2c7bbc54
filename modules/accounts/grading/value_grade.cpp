#include "modules/accounts/grading/value_grade.h"

#include <cstdio>

#include "node/common/clock.h"

namespace mams::accounts {

char ValueGrade(std::int64_t revenue_12m_fen, const GradeThresholds& thresholds) {
  if (revenue_12m_fen >= thresholds.a_min) {
    return 'A';
  }
  if (revenue_12m_fen >= thresholds.b_min) {
    return 'B';
  }
  if (revenue_12m_fen >= thresholds.c_min) {
    return 'C';
  }
  return 'D';
}

std::optional<std::string> ValidateThresholds(const GradeThresholds& thresholds) {
  if (thresholds.c_min < 0) {
    return "the C threshold must not be negative";
  }
  if (!(thresholds.a_min > thresholds.b_min && thresholds.b_min > thresholds.c_min)) {
    return "thresholds must fall from A to C (A > B > C)";
  }
  return std::nullopt;
}

namespace {

std::string MonthText(int year, int month) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d", year, month);
  return text;
}

}  // namespace

MonthRange Last12Months(std::int64_t now_ms) {
  const std::string now = FormatIsoUtc(now_ms);  // "YYYY-MM-DDT..."
  const int year = std::stoi(now.substr(0, 4));
  const int month = std::stoi(now.substr(5, 2));
  const int last_index = year * 12 + (month - 1) - 1;  // the month before this one
  const int first_index = last_index - 11;
  return {MonthText(first_index / 12, first_index % 12 + 1),
          MonthText(last_index / 12, last_index % 12 + 1)};
}

std::vector<std::string> MonthsUpTo(const std::string& last, int count) {
  const int last_index = std::stoi(last.substr(0, 4)) * 12 + std::stoi(last.substr(5, 2)) - 1;
  std::vector<std::string> months;
  for (int index = last_index - count + 1; index <= last_index; ++index) {
    months.push_back(MonthText(index / 12, index % 12 + 1));
  }
  return months;
}

}  // namespace mams::accounts
