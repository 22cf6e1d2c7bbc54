#include "modules/accounts/grading/value_grade.h"

#include <gtest/gtest.h>

namespace mams::accounts {
namespace {

TEST(ValueGrade, BoundariesBelongToTheHigherGrade) {
  const GradeThresholds rule{1000, 500, 100};
  EXPECT_EQ('A', ValueGrade(1000, rule));
  EXPECT_EQ('B', ValueGrade(999, rule));
  EXPECT_EQ('B', ValueGrade(500, rule));
  EXPECT_EQ('C', ValueGrade(100, rule));
  EXPECT_EQ('D', ValueGrade(99, rule));
  EXPECT_EQ('D', ValueGrade(-5, rule));  // net credit notes
}

TEST(ValueGrade, ThresholdsMustFall) {
  EXPECT_FALSE(ValidateThresholds(GradeThresholds{}).has_value());
  EXPECT_TRUE(ValidateThresholds({100, 100, 10}).has_value());
  EXPECT_TRUE(ValidateThresholds({100, 50, -1}).has_value());
  EXPECT_TRUE(ValidateThresholds({10, 50, 1}).has_value());
}

}  // namespace
}  // namespace mams::accounts

namespace mams::accounts {
namespace {

TEST(Last12MonthsTest, TwelveCompleteMonthsBeforeNow) {
  // 2026-11-23: November 2025 to October 2026.
  const auto range = Last12Months(1795392000000);
  EXPECT_EQ("2025-11", range.first);
  EXPECT_EQ("2026-10", range.last);
  // January rolls back into the previous year.
  const auto january = Last12Months(1767225600000 + 86400000);  // 2026-01-02
  EXPECT_EQ("2025-01", january.first);
  EXPECT_EQ("2025-12", january.last);
}

TEST(Last12MonthsTest, MonthsUpToCrossesYears) {
  EXPECT_EQ((std::vector<std::string>{"2025-11", "2025-12", "2026-01"}), MonthsUpTo("2026-01", 3));
  EXPECT_EQ(12u, MonthsUpTo("2026-10", 12).size());
  EXPECT_EQ("2025-11", MonthsUpTo("2026-10", 12).front());
}

}  // namespace
}  // namespace mams::accounts
