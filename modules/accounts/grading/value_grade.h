#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mams::accounts {

/// Revenue thresholds (in fen, 1/100 yuan, over the last 12 months) of one org's value
/// grading rule. A customer is graded A at or above `a_min`, B at or above `b_min`, C at
/// or above `c_min`, otherwise D.
struct GradeThresholds {
  std::int64_t a_min = 100000000;  ///< ¥1,000,000
  std::int64_t b_min = 30000000;   ///< ¥300,000
  std::int64_t c_min = 10000000;   ///< ¥100,000
};

char ValueGrade(std::int64_t revenue_12m_fen, const GradeThresholds& thresholds);

/// Empty when a > b > c ≥ 0; otherwise what is wrong.
std::optional<std::string> ValidateThresholds(const GradeThresholds& thresholds);

/// The months a value grade looks at: the twelve complete months before the month of
/// `now_ms` (billing closes a month after it ends), as "YYYY-MM".
struct MonthRange {
  std::string first;
  std::string last;
};
MonthRange Last12Months(std::int64_t now_ms);

/// `count` months ending with `last` ("YYYY-MM"), oldest first.
std::vector<std::string> MonthsUpTo(const std::string& last, int count);

}  // namespace mams::accounts
