#pragma once

// Internal to node/http: what the connection layer (which reads requests off sockets)
// hands to what answers them, and what it gets back. The connection layer knows framing;
// the sink knows routes, permissions and JSON.
#include <cstdint>
#include <optional>
#include <string>

#include "node/http/request_head.h"

namespace mams::http {

/// One request read whole off a connection: its head and, unless refused at its head, its
/// whole body (de-chunked).
struct ReceivedRequest {
  RequestHead head;
  std::string body;
  std::string client_address;
  bool tls = false;
  /// Set when the request was refused after its head, with its body unread or cut off (413
  /// over the route's limit): the sink answers it with the route's auditing, and the
  /// connection closes after the answer.
  std::optional<ProtocolError> refusal;
};

/// The bytes of one answer: its head, then its body (written after the head without being
/// copied behind it). `close`: the connection must close after it.
struct AnswerBytes {
  std::string head;
  std::string body;
  bool close = false;
};

class RequestSink {
 public:
  virtual ~RequestSink() = default;

  /// The most body bytes the request may carry (its route's limit or the node's). Called on
  /// the connection thread: fast, no I/O.
  virtual std::int64_t BodyLimit(const RequestHead& head) const = 0;

  /// Answers a request: route, authorise, run the handler, audit a refusal, count, log.
  /// Called on a worker thread; never throws. `keep_alive` tells the head what the
  /// connection will do after it.
  virtual void Answer(ReceivedRequest& request, bool keep_alive, AnswerBytes* out) const = 0;

  /// The answer to a request whose head could not be read (malformed, too large, too slow):
  /// the same JSON error and headers as every other error, counted and logged; the
  /// connection closes after it. Called on the connection thread: no database.
  virtual void AnswerProtocolError(const ProtocolError& error, const std::string& client_address,
                                   AnswerBytes* out) const = 0;
};

}  // namespace mams::http
