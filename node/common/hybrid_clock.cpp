#include "node/common/hybrid_clock.h"

#include <algorithm>

namespace mams {

HybridClock::HybridClock(NowMs now_ms, std::int64_t floor)
    : now_ms_(std::move(now_ms)), last_(floor) {}

std::int64_t HybridClock::Tick() {
  const std::int64_t physical = std::max<std::int64_t>(0, now_ms_() - kEpochMs) << kLogicalBits;
  const std::lock_guard<std::mutex> lock(mutex_);
  last_ = std::max(physical, last_ + 1);
  return last_;
}

void HybridClock::Observe(std::int64_t version) {
  const std::lock_guard<std::mutex> lock(mutex_);
  last_ = std::max(last_, version);
}

std::int64_t HybridClock::Last() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return last_;
}

}  // namespace mams
