#include "node/http/worker_pool.h"

#include <chrono>
#include <thread>

namespace mams::http {
namespace {

constexpr auto kIdleThreadLife = std::chrono::seconds(60);

}  // namespace

WorkerPool::WorkerPool(int max_threads, int max_queued)
    : max_threads_(max_threads), max_queued_(static_cast<std::size_t>(max_queued)) {}

WorkerPool::~WorkerPool() { Stop(); }

bool WorkerPool::Submit(std::function<void()> job) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (stopping_ || jobs_.size() >= max_queued_) {
    return false;
  }
  jobs_.push_back(std::move(job));
  // Idle threads may already be promised to earlier jobs not yet taken.
  if (static_cast<int>(jobs_.size()) > idle_ && threads_ < max_threads_) {
    ++threads_;
    std::thread([this] { Run(); }).detach();  // Stop() waits for every thread to end
  } else {
    lock.unlock();
    work_.notify_one();
  }
  return true;
}

void WorkerPool::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (jobs_.empty()) {
      if (stopping_) {
        break;
      }
      ++idle_;
      const bool woken = work_.wait_for(lock, kIdleThreadLife,
                                        [this] { return !jobs_.empty() || stopping_; });
      --idle_;
      if (!woken) {
        break;  // a minute without work
      }
      continue;
    }
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    job();
    lock.lock();
  }
  --threads_;
  ended_.notify_all();
}

void WorkerPool::Stop() {
  std::unique_lock<std::mutex> lock(mutex_);
  stopping_ = true;
  work_.notify_all();
  ended_.wait(lock, [this] { return threads_ == 0; });
}

int WorkerPool::busy() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return threads_ - idle_;
}

int WorkerPool::queued() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<int>(jobs_.size());
}

bool WorkerPool::Crowded() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return (threads_ - idle_) * 2 >= max_threads_;
}

}  // namespace mams::http
