#include "modules/identity/lockout.h"

#include <gtest/gtest.h>

namespace mams::identity {
namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;

TEST(Lockout, TheFailureThatReachesTheLimitLocksAndStartsTheCountAgain) {
  FailureCount count;
  for (int failure = 1; failure <= 4; ++failure) {
    EXPECT_FALSE(CountFailure(count, kNow, 5, 15)) << failure;
  }
  EXPECT_EQ(4, count.failed_attempts);
  EXPECT_EQ(0, count.locked_until_ms);
  EXPECT_TRUE(CountFailure(count, kNow, 5, 15));
  EXPECT_EQ(0, count.failed_attempts);
  EXPECT_EQ(kNow + 15 * 60000, count.locked_until_ms);
}

TEST(Lockout, TheAnswerSaysHowLongInWholeMinutesAndRetryAfterInSeconds) {
  struct Case {
    std::int64_t remaining_ms;
    int retry_after_s;
    const char* minutes;
  };
  for (const Case& c : {Case{15 * 60000, 900, "15 minutes"}, Case{61000, 61, "2 minutes"},
                        Case{1, 1, "1 minutes"}}) {
    const ApiError error = LockedError(kNow + c.remaining_ms, kNow);
    EXPECT_EQ(ErrorKind::kTooManyRequests, error.kind());
    EXPECT_EQ("account_locked", error.code());
    EXPECT_EQ(c.retry_after_s, error.retry_after_s()) << c.remaining_ms;
    EXPECT_NE(std::string::npos, std::string(error.what()).find(c.minutes)) << error.what();
  }
}

}  // namespace
}  // namespace mams::identity
