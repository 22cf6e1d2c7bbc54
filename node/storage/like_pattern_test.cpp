#include "node/storage/like_pattern.h"

#include <gtest/gtest.h>

namespace mams::storage {
namespace {

TEST(LikeContaining, EscapesWildcardsAndTheEscapeCharacterOnly) {
  EXPECT_EQ("%%", LikeContaining(""));
  EXPECT_EQ("%广州%", LikeContaining("广州"));
  EXPECT_EQ("%100!%达标%", LikeContaining("100%达标"));
  EXPECT_EQ("%a!_b%", LikeContaining("a_b"));
  EXPECT_EQ("%!!%", LikeContaining("!"));
  EXPECT_EQ("%,ICT,%", LikeContaining(",ICT,"));
  EXPECT_EQ("%a\\b%", LikeContaining("a\\b"));  // literal under ESCAPE '!'
}

}  // namespace
}  // namespace mams::storage
