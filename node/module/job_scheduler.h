#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "node/common/platform_fwd.h"
#include "node/module/job.h"

namespace mams::module {

/// Runs the modules' background jobs on one thread. Due times come from the injected clock;
/// RunDue() does one round and is what tests drive, without the thread. A failing job is
/// logged and counted. Thread-safe: Stats() may be read while the thread runs.
class JobScheduler {
 public:
  /// A job with the module that added it; `name` in logs and metrics is "<module>.<job>".
  struct Entry {
    std::string module;
    JobDecl job;
  };
  struct Stats {
    std::string name;
    std::uint64_t runs = 0;      ///< turns taken, failed ones included
    std::uint64_t failures = 0;  ///< runs that threw
    std::uint64_t skipped = 0;   ///< leader-only turns passed over in a follower process
    double last_seconds = 0;     ///< how long the last run took
    std::int64_t next_due_ms = 0;
  };

  /// `is_leader` says whether this process runs leader-only jobs; `seed` drives the jitter.
  /// Due times start from `clock.NowMs()` at construction.
  JobScheduler(std::vector<Entry> jobs, const Clock& clock, std::function<bool()> is_leader,
               std::uint64_t seed);
  ~JobScheduler();
  JobScheduler(const JobScheduler&) = delete;
  JobScheduler& operator=(const JobScheduler&) = delete;

  /// Runs every job due at `now_ms` (in order) and plans its next turn. Returns the earliest
  /// next due time (INT64_MAX when there are no jobs).
  std::int64_t RunDue(std::int64_t now_ms);

  /// Starts the thread (nothing when there are no jobs).
  void Start();
  /// Wakes the thread and waits for it; a job running at that moment finishes its run.
  void Stop();

  std::vector<Stats> AllStats() const;
  /// mams_job_runs_total, mams_job_failures_total and mams_job_last_duration_seconds, by job.
  void AddGauges(metrics::Metrics& metrics) const;

 private:
  std::int64_t NextDue(const JobSchedule& schedule, std::int64_t after_ms);
  std::int64_t Jitter(const JobSchedule& schedule);

  std::vector<Entry> jobs_;
  const Clock& clock_;
  std::function<bool()> is_leader_;
  Poco::Logger& log_;
  std::mt19937_64 random_;
  mutable std::mutex mutex_;  ///< guards stats_ and stop_
  std::vector<Stats> stats_;
  bool stop_ = false;
  std::condition_variable wake_;
  std::thread thread_;
};

/// The next time at or after `after_ms` whose China Standard Time clock shows `minute` past
/// `hour` (or past every hour when `hour` < 0). Exposed for tests.
std::int64_t NextWallTime(std::int64_t after_ms, int hour, int minute);

}  // namespace mams::module
