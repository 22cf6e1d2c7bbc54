#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace mams::module {

/// When a background job runs: every `interval` (the first run `first_after` the node
/// started), or at a time of day, every day or every hour. Each run is moved later by a random
/// amount in [0, jitter], so that many nodes do not all work at the same instant. Times of
/// day are China Standard Time (UTC+8, no daylight saving), as the people who run MAMS read it.
struct JobSchedule {
  enum class Kind { kEvery, kDaily, kHourly };
  Kind kind = Kind::kEvery;
  std::chrono::milliseconds interval{0};     ///< kEvery
  std::chrono::milliseconds first_after{0};  ///< kEvery: the first run, after the node started
  int hour = 0;                              ///< kDaily, 0..23
  int minute = 0;                            ///< kDaily and kHourly, 0..59
  std::chrono::milliseconds jitter{0};

  static JobSchedule Every(std::chrono::milliseconds period,
                           std::chrono::milliseconds spread = std::chrono::milliseconds(0),
                           std::chrono::milliseconds delay = std::chrono::milliseconds(0));
  static JobSchedule Daily(int at_hour, int at_minute,
                           std::chrono::milliseconds spread = std::chrono::milliseconds(0));
  static JobSchedule Hourly(int at_minute,
                            std::chrono::milliseconds spread = std::chrono::milliseconds(0));
};

/// Work a module runs in the background, added from its `start` (ModuleOutputs::jobs).
/// `run` throws to report a failure: the failure is logged and counted, and the job runs
/// again at its next time; it never ends the node. `run` is called on the scheduler's thread,
/// one job at a time.
struct JobDecl {
  std::string name;  ///< unique in the module; metrics and logs say "<module>.<name>"
  std::string description;
  JobSchedule schedule;
  /// Runs in one process only when a node is scaled out to several processes on one MySQL
  /// database: the one that runs the sync links (sync/sync_leadership.h). Other processes
  /// skip the job's turns.
  bool leader_only = true;
  std::function<void()> run;
};

}  // namespace mams::module
