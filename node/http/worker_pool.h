#pragma once

// Internal to node/http: the threads that answer requests. They start when work waits and
// no thread is free (up to a maximum), and end after a minute without work.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

namespace mams::http {

class WorkerPool {
 public:
  /// At most `max_threads` jobs run at once and `max_queued` wait.
  WorkerPool(int max_threads, int max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Queues `job`; false when the queue is full or the pool is stopping (the job is not
  /// run). Thread-safe.
  bool Submit(std::function<void()> job);
  /// Runs what is queued, refuses more and waits until every thread has ended.
  void Stop();

  int busy() const;
  int queued() const;
  /// True when fewer than half the threads may run: a worker should not wait on an idle
  /// connection then.
  bool Crowded() const;

 private:
  void Run();

  const int max_threads_;
  const std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable work_;
  std::condition_variable ended_;
  std::deque<std::function<void()>> jobs_;
  int threads_ = 0;
  int idle_ = 0;
  bool stopping_ = false;
};

}  // namespace mams::http
