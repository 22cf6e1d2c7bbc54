#include "node/common/ids.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace mams {
namespace {

TEST(Ids, RowIdsAreVersion7UniqueAndTimeOrdered) {
  const std::regex v7("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  std::string previous_prefix;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewRowId();
    ASSERT_TRUE(std::regex_match(id, v7)) << id;
    ASSERT_TRUE(seen.insert(id).second) << "duplicate " << id;
    const std::string prefix = id.substr(0, 13);  // 48-bit millisecond timestamp
    ASSERT_GE(prefix, previous_prefix);
    previous_prefix = prefix;
  }
}

TEST(Ids, StableIdsAreVersion5AndDeterministic) {
  EXPECT_EQ(StableRowId("org:CN"), StableRowId("org:CN"));
  EXPECT_NE(StableRowId("org:CN"), StableRowId("org:440000"));
  EXPECT_EQ('5', StableRowId("org:CN")[14]);
}

TEST(NewRowIdTest, IdsOfOneProcessSortInCreationOrder) {
  std::string previous = NewRowId();
  for (int i = 0; i < 20000; ++i) {
    const std::string next = NewRowId();
    ASSERT_LT(previous, next) << "after " << i << " ids";
    ASSERT_EQ('7', next[14]);  // still version 7
    previous = next;
  }
}

}  // namespace
}  // namespace mams
