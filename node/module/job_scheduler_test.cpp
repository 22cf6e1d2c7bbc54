#include "node/module/job_scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "node/common/clock.h"
#include "node/metrics/metrics.h"

namespace mams::module {
namespace {

using std::chrono::milliseconds;

constexpr std::int64_t kStart = 1'800'000'000'000;  // 2027-01-15T08:00:00Z

JobScheduler::Entry Job(const std::string& name, JobSchedule schedule, std::function<void()> run,
                        bool leader_only = false) {
  JobDecl job;
  job.name = name;
  job.schedule = schedule;
  job.leader_only = leader_only;
  job.run = std::move(run);
  return {"m", job};
}

TEST(JobScheduler, RunsAPeriodicJobFirstAfterItsDelayThenEveryInterval) {
  ManualClock clock(kStart);
  int runs = 0;
  JobScheduler scheduler({Job("tick", JobSchedule::Every(milliseconds(1000), milliseconds(0),
                                                         milliseconds(200)),
                              [&] { ++runs; })},
                         clock, [] { return true; }, 1);
  EXPECT_EQ(kStart + 200, scheduler.RunDue(kStart));
  EXPECT_EQ(0, runs);
  EXPECT_EQ(kStart + 1200, scheduler.RunDue(kStart + 200));
  EXPECT_EQ(1, runs);
  scheduler.RunDue(kStart + 1199);
  EXPECT_EQ(1, runs);
  scheduler.RunDue(kStart + 1200);
  EXPECT_EQ(2, runs);
  EXPECT_EQ("m.tick", scheduler.AllStats()[0].name);
  EXPECT_EQ(2u, scheduler.AllStats()[0].runs);
}

TEST(JobScheduler, JitterStaysWithinItsBounds) {
  ManualClock clock(kStart);
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    JobScheduler scheduler({Job("j", JobSchedule::Every(milliseconds(1000), milliseconds(300)),
                                [] {})},
                           clock, [] { return true; }, seed);
    const std::int64_t first = scheduler.AllStats()[0].next_due_ms;
    EXPECT_GE(first, kStart);
    EXPECT_LE(first, kStart + 300);
    const std::int64_t next = scheduler.RunDue(first);
    EXPECT_GE(next, first + 1000);
    EXPECT_LE(next, first + 1300);
  }
}

TEST(JobScheduler, LeaderOnlyJobsSkipTheirTurnsInAFollower) {
  ManualClock clock(kStart);
  std::atomic<bool> leader{false};
  int leader_runs = 0;
  int everywhere_runs = 0;
  JobScheduler scheduler(
      {Job("once", JobSchedule::Every(milliseconds(100)), [&] { ++leader_runs; }, true),
       Job("all", JobSchedule::Every(milliseconds(100)), [&] { ++everywhere_runs; }, false)},
      clock, [&] { return leader.load(); }, 1);
  scheduler.RunDue(kStart);
  EXPECT_EQ(0, leader_runs);
  EXPECT_EQ(1, everywhere_runs);
  EXPECT_EQ(1u, scheduler.AllStats()[0].skipped);
  leader = true;
  scheduler.RunDue(kStart + 100);
  EXPECT_EQ(1, leader_runs);
  EXPECT_EQ(2, everywhere_runs);
}

TEST(JobScheduler, AFailingJobIsCountedAndRunsAgainAtItsNextTurn) {
  ManualClock clock(kStart);
  int calls = 0;
  JobScheduler scheduler({Job("flaky", JobSchedule::Every(milliseconds(100)),
                              [&] {
                                ++calls;
                                if (calls == 1) {
                                  throw std::runtime_error("database gone");
                                }
                                if (calls == 2) {
                                  throw 42;  // not even a std::exception
                                }
                              })},
                         clock, [] { return true; }, 1);
  scheduler.RunDue(kStart);
  scheduler.RunDue(kStart + 100);
  scheduler.RunDue(kStart + 200);
  const auto stats = scheduler.AllStats()[0];
  EXPECT_EQ(3u, stats.runs);
  EXPECT_EQ(2u, stats.failures);
  metrics::Metrics metrics({});
  scheduler.AddGauges(metrics);
  const std::string text = metrics.RenderPrometheus();
  EXPECT_NE(std::string::npos, text.find("mams_job_runs_total{job=\"m.flaky\"} 3")) << text;
  EXPECT_NE(std::string::npos, text.find("mams_job_failures_total{job=\"m.flaky\"} 2")) << text;
}

TEST(JobScheduler, DailyAndHourlyJobsRunAtTheirChinaStandardTime) {
  // kStart is 16:00 in Beijing.
  EXPECT_EQ(kStart + 10 * 3600 * 1000 + 30 * 60 * 1000, NextWallTime(kStart, 2, 30));
  EXPECT_EQ(kStart, NextWallTime(kStart, 16, 0));
  EXPECT_EQ(kStart + 15 * 60 * 1000, NextWallTime(kStart, -1, 15));
  EXPECT_EQ(kStart + 3600 * 1000, NextWallTime(kStart + 1, -1, 0));
  ManualClock clock(kStart);
  int runs = 0;
  JobScheduler scheduler({Job("nightly", JobSchedule::Daily(2, 30), [&] { ++runs; })}, clock,
                         [] { return true; }, 1);
  const std::int64_t due = scheduler.AllStats()[0].next_due_ms;
  EXPECT_EQ(NextWallTime(kStart, 2, 30), due);
  EXPECT_EQ(due + 24 * 3600 * 1000, scheduler.RunDue(due));
  EXPECT_EQ(1, runs);
}

TEST(JobScheduler, StopsPromptlyWhileWaitingForALongInterval) {
  SystemClock clock;
  std::atomic<int> runs{0};
  JobScheduler scheduler({Job("hourly", JobSchedule::Every(std::chrono::hours(1)), [&] { ++runs; })},
                         clock, [] { return true; }, 1);
  const auto before = std::chrono::steady_clock::now();
  scheduler.Start();
  scheduler.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(2));
  EXPECT_LE(runs.load(), 1);
}

}  // namespace
}  // namespace mams::module
