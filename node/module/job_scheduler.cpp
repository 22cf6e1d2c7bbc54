#include "node/module/job_scheduler.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <chrono>
#include <limits>

#include "node/common/clock.h"
#include "node/metrics/metrics.h"

namespace mams::module {
namespace {

constexpr std::int64_t kMinuteMs = 60 * 1000;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;
constexpr std::int64_t kChinaOffsetMs = 8 * kHourMs;
/// The thread looks at the clock at least this often, so a clock that jumps is followed.
constexpr std::chrono::milliseconds kLongestWait(1000);

std::int64_t FloorTo(std::int64_t value, std::int64_t unit) {
  return value - ((value % unit) + unit) % unit;
}

}  // namespace

JobSchedule JobSchedule::Every(std::chrono::milliseconds period, std::chrono::milliseconds spread,
                               std::chrono::milliseconds delay) {
  JobSchedule schedule;
  schedule.kind = Kind::kEvery;
  schedule.interval = period;
  schedule.jitter = spread;
  schedule.first_after = delay;
  return schedule;
}

JobSchedule JobSchedule::Daily(int at_hour, int at_minute, std::chrono::milliseconds spread) {
  JobSchedule schedule;
  schedule.kind = Kind::kDaily;
  schedule.hour = at_hour;
  schedule.minute = at_minute;
  schedule.jitter = spread;
  return schedule;
}

JobSchedule JobSchedule::Hourly(int at_minute, std::chrono::milliseconds spread) {
  JobSchedule schedule;
  schedule.kind = Kind::kHourly;
  schedule.minute = at_minute;
  schedule.jitter = spread;
  return schedule;
}

std::int64_t NextWallTime(std::int64_t after_ms, int hour, int minute) {
  const std::int64_t local = after_ms + kChinaOffsetMs;
  const std::int64_t period = hour < 0 ? kHourMs : kDayMs;
  std::int64_t candidate =
      FloorTo(local, period) + (hour < 0 ? 0 : hour * kHourMs) + minute * kMinuteMs;
  if (candidate < local) {
    candidate += period;
  }
  return candidate - kChinaOffsetMs;
}

JobScheduler::JobScheduler(std::vector<Entry> jobs, const Clock& clock,
                           std::function<bool()> is_leader, std::uint64_t seed)
    : jobs_(std::move(jobs)),
      clock_(clock),
      is_leader_(std::move(is_leader)),
      log_(Poco::Logger::get("mams.jobs")),
      random_(seed) {
  const std::int64_t now = clock_.NowMs();
  for (const auto& entry : jobs_) {
    Stats stats;
    stats.name = entry.module + "." + entry.job.name;
    const JobSchedule& schedule = entry.job.schedule;
    stats.next_due_ms = schedule.kind == JobSchedule::Kind::kEvery
                            ? now + schedule.first_after.count() + Jitter(schedule)
                            : NextDue(schedule, now - 1);
    stats_.push_back(std::move(stats));
  }
}

JobScheduler::~JobScheduler() { Stop(); }

std::int64_t JobScheduler::Jitter(const JobSchedule& schedule) {
  if (schedule.jitter.count() <= 0) {
    return 0;
  }
  return std::uniform_int_distribution<std::int64_t>(0, schedule.jitter.count())(random_);
}

std::int64_t JobScheduler::NextDue(const JobSchedule& schedule, std::int64_t after_ms) {
  switch (schedule.kind) {
    case JobSchedule::Kind::kEvery:
      return after_ms + schedule.interval.count() + Jitter(schedule);
    case JobSchedule::Kind::kDaily:
      return NextWallTime(after_ms + 1, schedule.hour, schedule.minute) + Jitter(schedule);
    case JobSchedule::Kind::kHourly:
      return NextWallTime(after_ms + 1, -1, schedule.minute) + Jitter(schedule);
  }
  return std::numeric_limits<std::int64_t>::max();
}

std::int64_t JobScheduler::RunDue(std::int64_t now_ms) {
  std::int64_t earliest = std::numeric_limits<std::int64_t>::max();
  for (std::size_t i = 0; i < jobs_.size(); ++i) {
    const JobDecl& job = jobs_[i].job;
    std::int64_t due = 0;
    std::string name;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      due = stats_[i].next_due_ms;
      name = stats_[i].name;
    }
    if (now_ms < due) {
      earliest = std::min(earliest, due);
      continue;
    }
    const bool skip = job.leader_only && !is_leader_();
    bool failed = false;
    const auto started = std::chrono::steady_clock::now();
    if (!skip) {
      try {
        job.run();
      } catch (const std::exception& e) {
        failed = true;
        log_.warning("job %s failed: %s", name, std::string(e.what()));
      } catch (...) {
        // A job must not end the node, whatever it throws.
        failed = true;
        log_.warning("job %s failed with an exception that is not a std::exception", name);
      }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::int64_t next = NextDue(job.schedule, now_ms);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      Stats& stats = stats_[i];
      if (skip) {
        ++stats.skipped;
      } else {
        ++stats.runs;
        stats.failures += failed ? 1 : 0;
        stats.last_seconds = seconds;
      }
      stats.next_due_ms = next;
    }
    earliest = std::min(earliest, next);
  }
  return earliest;
}

void JobScheduler::Start() {
  if (jobs_.empty() || thread_.joinable()) {
    return;
  }
  thread_ = std::thread([this] {
    while (true) {
      const std::int64_t next = RunDue(clock_.NowMs());
      const std::chrono::milliseconds wait(
          std::clamp<std::int64_t>(next - clock_.NowMs(), 0, kLongestWait.count()));
      std::unique_lock<std::mutex> lock(mutex_);
      if (wake_.wait_for(lock, wait, [this] { return stop_; })) {
        return;
      }
    }
  });
}

void JobScheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

std::vector<JobScheduler::Stats> JobScheduler::AllStats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

void JobScheduler::AddGauges(metrics::Metrics& metrics) const {
  const auto family = [&](const char* name, const char* help, double (*value)(const Stats&)) {
    metrics.AddGaugeFamily(name, help, "job", [this, value] {
      metrics::Metrics::LabelledValues values;
      for (const auto& stats : AllStats()) {
        values.emplace_back(stats.name, value(stats));
      }
      return values;
    });
  };
  family("mams_job_runs_total", "Runs of the background job, failed ones included.",
         [](const Stats& s) { return static_cast<double>(s.runs); });
  family("mams_job_failures_total", "Runs of the background job that failed (logged).",
         [](const Stats& s) { return static_cast<double>(s.failures); });
  family("mams_job_last_duration_seconds", "How long the job's last run took.",
         [](const Stats& s) { return s.last_seconds; });
}

}  // namespace mams::module
