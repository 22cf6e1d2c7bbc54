// Adaptive batch size: small first, doubling while full batches come back quickly, halving
// on a slow or lost acknowledgement, within [a small floor, the configured maximum].
#include "sync/stream_sender.h"

#include <gtest/gtest.h>

namespace mams::sync {
namespace {

TEST(BatchSizer, GrowsWhileFullBatchesComeBackQuicklyUpToTheMaximum) {
  BatchSizer sizer(500, 250);
  EXPECT_EQ(32, sizer.limit()) << "a lone change goes out in a small batch";
  sizer.OnAcked(10, 5);
  EXPECT_EQ(32, sizer.limit()) << "a batch that was not full says nothing about demand";
  for (int expected : {64, 128, 256, 500, 500}) {
    sizer.OnAcked(sizer.limit(), 20);
    EXPECT_EQ(expected, sizer.limit());
  }
}

TEST(BatchSizer, HalvesOnASlowOrLostAcknowledgementButKeepsAFloor) {
  BatchSizer sizer(500, 250);
  for (int i = 0; i < 5; ++i) {
    sizer.OnAcked(sizer.limit(), 20);
  }
  sizer.OnAcked(500, 900);
  EXPECT_EQ(250, sizer.limit());
  sizer.OnLost();
  EXPECT_EQ(125, sizer.limit());
  for (int i = 0; i < 10; ++i) {
    sizer.OnLost();
  }
  EXPECT_EQ(8, sizer.limit());
  EXPECT_EQ(3, BatchSizer(3, 250).limit()) << "never above a small configured maximum";
}

}  // namespace
}  // namespace mams::sync
