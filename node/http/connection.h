#pragma once

// Internal to node/http: one client connection, read without blocking. A connection is
// owned by one thread at a time — the connection loop while it waits for bytes, a worker
// while its request is answered — and moves between them whole.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "node/http/chunked_body.h"
#include "node/http/request_head.h"
#include "node/http/request_sink.h"

typedef struct ssl_st SSL;

namespace mams::http {

/// Limits and deadlines every connection follows (from the `http` config section).
struct ConnectionRules {
  HeadLimits head_limits;
  /// The request head (on a new TLS connection, the handshake too) must arrive within this
  /// from its first byte: a client that sends a line every few seconds is cut off.
  std::int64_t head_timeout_ms = 10000;
  /// Longest silence while a body arrives or an answer is taken.
  std::int64_t io_timeout_ms = 30000;
  /// Longest wait for the next request on a kept-alive connection.
  std::int64_t keep_alive_timeout_ms = 10000;
  /// Requests on one connection before it is closed; 0: no limit.
  int max_keep_alive_requests = 0;
};

/// What a connection needs next.
enum class Progress {
  kWantRead,       ///< bytes from the client
  kWantWrite,      ///< TLS: room to write before it can read on
  kRequest,        ///< a whole request: TakeRequest()
  kRefused,        ///< a request refused after its head (413): TakeRequest(), then close
  kProtocolError,  ///< error(), then close
  kClosed,         ///< the client closed or the connection failed
};

class Connection {
 public:
  enum class Phase { kIdle, kHead, kBody, kDraining };

  /// Takes ownership of `fd` (non-blocking) and `ssl` (null for plain TCP). `open` counts
  /// the connections alive: one more until this one is destroyed.
  Connection(int fd, SSL* ssl, std::string client_address, const ConnectionRules& rules,
             std::int64_t now_ms, std::atomic<int>& open);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Reads what has arrived and parses as far as it goes. Never blocks.
  Progress Advance(const RequestSink& sink, std::int64_t now_ms);
  /// After kRequest or kRefused: the request; the connection is ready for the next one.
  ReceivedRequest TakeRequest(std::int64_t now_ms);
  const ProtocolError& error() const { return error_; }
  /// After an answer: the keep-alive wait for the next request starts now (an answer that
  /// took longer than it must not leave the connection already expired).
  void AwaitNext(std::int64_t now_ms);

  /// Writes a whole answer (its body unless `head_only`), waiting for room while the client
  /// takes bytes at least once per I/O timeout; false when it is gone or stopped reading.
  bool Write(const AnswerBytes& answer, bool head_only);
  /// Writes `bytes` only if they fit now (small answers from the connection loop).
  bool TryWrite(std::string_view bytes);
  /// Waits up to `timeout_ms` for bytes to read; true when some may have arrived.
  bool WaitReadable(std::int64_t timeout_ms) const;

  /// Ends the answers on this connection: no more writes; what the client still sends is
  /// read and dropped until it closes or `drain_ms` passes, so the last answer is not lost
  /// to a reset caused by unread bytes.
  void BeginClose(std::int64_t now_ms, std::int64_t drain_ms);
  /// Reads and drops; false once the client closed.
  bool Drain();

  int fd() const { return fd_; }
  Phase phase() const { return phase_; }
  /// When the current phase times out.
  std::int64_t deadline_ms() const { return deadline_ms_; }
  bool tls() const { return ssl_ != nullptr; }
  const std::string& client_address() const { return client_address_; }
  int requests_served() const { return served_; }
  void CountServed() { ++served_; }

 private:
  enum class ReadResult { kData, kWantRead, kWantWrite, kClosed };
  ReadResult ReadMore();
  Progress Parse(const RequestSink& sink, std::int64_t now_ms);
  Progress BodyComplete();
  bool WaitFor(short events, std::int64_t timeout_ms) const;

  int fd_;
  SSL* ssl_;
  std::atomic<int>& open_;
  std::string client_address_;
  const ConnectionRules& rules_;
  RequestHeadParser parser_;
  std::optional<ChunkedBodyDecoder> chunked_;
  std::string in_;    ///< received, not yet parsed
  std::string body_;  ///< the current request's body so far
  std::int64_t body_limit_ = 0;
  bool refused_ = false;
  ProtocolError error_;
  Phase phase_ = Phase::kIdle;
  std::int64_t deadline_ms_;
  int served_ = 0;
};

}  // namespace mams::http
