#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "node/storage/connection.h"
#include "node/storage/storage.h"

namespace mams::storage {

/// A bounded pool of connections of one backend. Connections are opened lazily up to
/// `max_size`; a borrower waits up to `wait` for one to come back. Connections that
/// became unusable are closed instead of being returned. Thread-safe.
class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  ConnectionPool(Factory factory, int max_size, std::chrono::milliseconds wait);

  std::unique_ptr<Connection> Acquire();
  void Release(std::unique_ptr<Connection> connection);
  PoolStats Stats() const;

 private:
  Factory factory_;
  const int max_size_;
  const std::chrono::milliseconds wait_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  struct IdleConnection {
    std::unique_ptr<Connection> connection;
    std::chrono::steady_clock::time_point since;
  };
  std::vector<IdleConnection> idle_;
  int open_ = 0;
  int in_use_ = 0;
  std::uint64_t waits_ = 0;
  std::uint64_t timeouts_ = 0;
};

}  // namespace mams::storage
