#include "node/common/hybrid_clock.h"

#include <gtest/gtest.h>

namespace mams {
namespace {

TEST(HybridClock, FollowsTheWallClockAndNeverGoesBack) {
  std::int64_t now = HybridClock::kEpochMs + 1000;
  HybridClock clock([&] { return now; });
  const std::int64_t first = clock.Tick();
  EXPECT_EQ(HybridClock::kEpochMs + 1000, HybridClock::PhysicalMs(first));
  const std::int64_t same_ms = clock.Tick();
  EXPECT_EQ(first + 1, same_ms);  // same millisecond: the logical part counts
  now = HybridClock::kEpochMs + 900;                      // the wall clock steps back
  EXPECT_GT(clock.Tick(), same_ms);
  now = HybridClock::kEpochMs + 2000;
  EXPECT_EQ(HybridClock::kEpochMs + 2000, HybridClock::PhysicalMs(clock.Tick()));
}

TEST(HybridClock, WritesAfterAReceivedChangeOutrankIt) {
  std::int64_t now = HybridClock::kEpochMs + 1000;
  HybridClock clock([&] { return now; });
  const std::int64_t remote = (5000LL << HybridClock::kLogicalBits) + 7;  // a node ahead of us
  clock.Observe(remote);
  EXPECT_GT(clock.Tick(), remote);
  clock.Observe(1);  // older versions change nothing
  EXPECT_EQ(remote + 1, clock.Last());
}

TEST(HybridClock, VersionsStayExactInJavaScript) {
  const std::int64_t year_2088 = 3723753600000;  // 2088-01-01T00:00:00Z
  HybridClock clock([&] { return year_2088; });
  EXPECT_LT(clock.Tick(), std::int64_t{1} << 53);
}

TEST(HybridClock, StartsAboveTheStoredFloor) {
  HybridClock clock([] { return HybridClock::kEpochMs + 10; }, std::int64_t{99} << HybridClock::kLogicalBits);
  EXPECT_GT(clock.Tick(), std::int64_t{99} << HybridClock::kLogicalBits);
}

}  // namespace
}  // namespace mams
