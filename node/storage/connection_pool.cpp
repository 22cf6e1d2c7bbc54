#include "node/storage/connection_pool.h"

namespace mams::storage {
namespace {

// A connection idle longer than this is checked before use; MySQL's wait_timeout or a
// restarted server may have closed it.
constexpr auto kValidateAfterIdle = std::chrono::seconds(30);

}  // namespace

ConnectionPool::ConnectionPool(Factory factory, int max_size, std::chrono::milliseconds wait)
    : factory_(std::move(factory)), max_size_(max_size), wait_(wait) {}

std::unique_ptr<Connection> ConnectionPool::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (idle_.empty() && open_ >= max_size_) {
    ++waits_;
    const bool got = available_.wait_for(
        lock, wait_, [this] { return !idle_.empty() || open_ < max_size_; });
    if (!got) {
      ++timeouts_;
      throw StorageError(StorageErrorKind::kUnavailable,
                         "no database connection free within " + std::to_string(wait_.count()) +
                             " ms (pool of " + std::to_string(max_size_) + ")");
    }
  }
  while (!idle_.empty()) {
    IdleConnection idle = std::move(idle_.back());
    idle_.pop_back();
    if (std::chrono::steady_clock::now() - idle.since > kValidateAfterIdle &&
        !idle.connection->Validate()) {
      --open_;  // dropped; loop on to the next idle one or open a new one
      continue;
    }
    ++in_use_;
    return std::move(idle.connection);
  }
  // Open outside the lock: connecting to MySQL can take seconds.
  ++open_;
  ++in_use_;
  lock.unlock();
  try {
    return factory_();
  } catch (...) {
    lock.lock();
    --open_;
    --in_use_;
    available_.notify_one();
    throw;
  }
}

void ConnectionPool::Release(std::unique_ptr<Connection> connection) {
  std::lock_guard<std::mutex> lock(mutex_);
  --in_use_;
  if (connection && connection->Usable()) {
    idle_.push_back({std::move(connection), std::chrono::steady_clock::now()});
  } else {
    --open_;
  }
  available_.notify_one();
}

PoolStats ConnectionPool::Stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  PoolStats stats;
  stats.size = max_size_;
  stats.open = open_;
  stats.in_use = in_use_;
  stats.waits = waits_;
  stats.timeouts = timeouts_;
  return stats;
}

}  // namespace mams::storage
