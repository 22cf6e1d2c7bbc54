#pragma once

#include <cstdint>
#include <optional>
#include <string>

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

}  // namespace mams::accounts
