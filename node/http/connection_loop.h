#pragma once

// Internal to node/http: one thread that holds every connection while it waits — for a
// request head, a body, the next request on a kept-alive connection — and hands each whole
// request to a worker. A slow or idle client therefore costs a file descriptor and a few
// bytes, never a thread, and a request reaches a worker only once it is whole.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "node/http/connection.h"

typedef struct ssl_ctx_st SSL_CTX;

namespace mams::http {

class RequestSink;
class WorkerPool;

struct ConnectionLoopOptions {
  ConnectionRules rules;
  /// Connections open at once; more are answered 503 and closed.
  int max_connections = 4096;
  /// TLS for every connection; null: plain TCP.
  SSL_CTX* tls = nullptr;
};

class ConnectionLoop {
 public:
  /// `listen_fd` is a bound, listening socket that stays the caller's. `sink` and `pool`
  /// must outlive the loop.
  ConnectionLoop(int listen_fd, ConnectionLoopOptions options, const RequestSink& sink,
                 WorkerPool& pool);
  ~ConnectionLoop();
  ConnectionLoop(const ConnectionLoop&) = delete;
  ConnectionLoop& operator=(const ConnectionLoop&) = delete;

  void Start();
  /// Stops accepting and closes every waiting connection. Requests being answered finish;
  /// their connections close after the answer.
  void Stop();

  int open_connections() const { return open_.load(std::memory_order_relaxed); }
  /// Connections refused for want of room (too many open, too many requests queued).
  std::uint64_t refused() const { return refused_.load(std::memory_order_relaxed); }

 private:
  enum class Return { kWaiting, kClose };

  void Run();
  void AcceptAll(std::int64_t now_ms);
  void OnReady(Connection* connection, std::int64_t now_ms);
  void Handle(Connection* connection, Progress progress, std::int64_t now_ms);
  void Dispatch(Connection* connection, Progress progress, std::int64_t now_ms);
  void AnswerAndClose(Connection* connection, const ProtocolError& error, std::int64_t now_ms);
  void Watch(Connection* connection, Progress progress);
  void Close(Connection* connection);
  void Sweep(std::int64_t now_ms);
  void TakeReturned(std::int64_t now_ms);
  void PauseAccepting(std::int64_t now_ms);

  // On a worker thread.
  void Serve(std::unique_ptr<Connection> connection, Progress progress);
  void GiveBack(std::unique_ptr<Connection> connection, Return mode);

  const int listen_fd_;
  const ConnectionLoopOptions options_;
  const RequestSink& sink_;
  WorkerPool& pool_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> open_{0};
  std::atomic<std::uint64_t> refused_{0};
  std::int64_t accept_paused_until_ = 0;
  /// The connections this loop holds (the others are with workers).
  std::unordered_map<Connection*, std::unique_ptr<Connection>> waiting_;

  std::mutex returned_mutex_;
  std::vector<std::pair<std::unique_ptr<Connection>, Return>> returned_;
  bool loop_ended_ = false;  ///< guarded by returned_mutex_
};

}  // namespace mams::http
