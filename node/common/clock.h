#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace mams {

/// Wall-clock time in milliseconds since the Unix epoch. Injected wherever time decides an
/// outcome (session expiry, lockout, TOTP) so tests can move it instead of sleeping.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t NowMs() const = 0;
  std::int64_t NowSeconds() const { return NowMs() / 1000; }
};

class SystemClock final : public Clock {
 public:
  std::int64_t NowMs() const override;
};

/// A clock that moves only when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ms) : now_ms_(start_ms) {}
  std::int64_t NowMs() const override { return now_ms_.load(); }
  void Advance(std::int64_t ms) { now_ms_ += ms; }

 private:
  std::atomic<std::int64_t> now_ms_;
};

/// "2026-11-23T08:45:27.123Z"
std::string FormatIsoUtc(std::int64_t unix_ms);

}  // namespace mams
