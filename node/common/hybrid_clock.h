#pragma once

#include <cstdint>
#include <functional>
#include <mutex>

namespace mams {

/// Row versions: a hybrid logical clock (docs/sync-protocol.md §2). A version is
/// `((unix_ms - kEpochMs) << 12) | logical`: it follows the wall clock while that moves
/// forward, never goes back, and is above every version this node has seen, so a write made
/// after receiving a change always outranks that change. Versions stay below 2^53 until
/// 2089, so JavaScript reads them exactly (they are ETags in the web console). Thread-safe.
class HybridClock {
 public:
  using NowMs = std::function<std::int64_t()>;

  /// `now_ms` is injectable for tests; `floor` is the highest version already stored.
  explicit HybridClock(NowMs now_ms, std::int64_t floor = 0);

  /// A new version for a local write, above every version returned or observed before.
  std::int64_t Tick();
  /// Takes note of a version received from another node.
  void Observe(std::int64_t version);
  /// The highest version issued or observed.
  std::int64_t Last() const;

  /// The Unix time in milliseconds at which `version` was issued (at most).
  static std::int64_t PhysicalMs(std::int64_t version) {
    return (version >> kLogicalBits) + kEpochMs;
  }
  static constexpr int kLogicalBits = 12;
  static constexpr std::int64_t kEpochMs = 1577836800000;  ///< 2020-01-01T00:00:00Z

 private:
  NowMs now_ms_;
  mutable std::mutex mutex_;
  std::int64_t last_;
};

}  // namespace mams
