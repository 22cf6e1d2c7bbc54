#pragma once

// The request head off the wire (RFC 9112), parsed strictly: whatever two parsers could read
// differently — a proxy in front and this node — is refused instead of guessed, because
// that difference is how requests are smuggled. Pure code: no sockets, unit-tested alone.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mams::http {

struct HeadLimits {
  std::size_t max_target = 8 * 1024;       ///< request target; 414 beyond
  std::size_t max_field_line = 8 * 1024;   ///< one header line; 431 beyond
  std::size_t max_fields = 100;            ///< header lines; 431 beyond
  std::size_t max_head = 64 * 1024;        ///< the whole head; 431 beyond
};

/// How the body that follows the head is framed.
enum class BodyFraming { kNone, kLength, kChunked };

struct RequestHead {
  std::string method;
  std::string target;  ///< as sent: origin-form, absolute-form or "*"
  int minor_version = 1;  ///< HTTP/1.minor (0 or 1)
  /// Names lower-cased, values without surrounding whitespace, in the order received.
  std::vector<std::pair<std::string, std::string>> fields;
  BodyFraming framing = BodyFraming::kNone;
  std::uint64_t content_length = 0;  ///< with kLength
  bool keep_alive = true;             ///< what the client asked for (HTTP/1.0: only if asked)
  bool expect_continue = false;       ///< `Expect: 100-continue`
};

/// Why a head (or the body framing it declares) is refused: the status, a stable code and a
/// message that names what is wrong. The connection is closed after the answer.
struct ProtocolError {
  int status = 400;
  std::string code;
  std::string message;
};

/// Reads one request head from the bytes received so far. Feed it the whole buffer each
/// time more arrives: it resumes where it stopped, so a head sent a byte at a time is read
/// in linear time. Each line is checked as soon as it ends, so a bad request line is
/// answered without waiting for the rest of the head. Not thread-safe; one per connection.
class RequestHeadParser {
 public:
  enum class Status { kIncomplete, kComplete, kError };

  explicit RequestHeadParser(const HeadLimits& limits) : limits_(limits) {}

  /// `bytes` starts where the head starts. kComplete: `head()` is ready and `consumed()`
  /// bytes belong to it; kError: `error()` says why.
  Status Feed(std::string_view bytes);

  const RequestHead& head() const { return head_; }
  RequestHead& head() { return head_; }
  std::size_t consumed() const { return pos_; }
  const ProtocolError& error() const { return error_; }
  /// True once any byte of a request has arrived (an idle keep-alive connection has none).
  bool started() const { return pos_ > 0 || partial_; }

  /// Starts over for the next request on the connection.
  void Reset();

 private:
  Status Fail(int status, std::string code, std::string message);
  /// kError when a line (whole or still arriving) or the head is over its limit.
  Status LengthRefused(std::size_t line_length, std::size_t head_bytes);
  Status RequestLine(std::string_view line);
  Status FieldLine(std::string_view line);
  Status Framing();

  HeadLimits limits_;
  RequestHead head_;
  ProtocolError error_;
  std::size_t pos_ = 0;      ///< bytes of whole lines read
  bool partial_ = false;     ///< a line has begun but not ended
  bool have_request_line_ = false;
  int empty_lines_ = 0;      ///< CRLFs before the request line (tolerated, bounded)
};

}  // namespace mams::http
