#include "modules/accounts/value_grade.h"

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

}  // namespace mams::accounts
