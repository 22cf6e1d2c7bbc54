#include "modules/accounts/value_grade.h"

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
