#include "node/http/connection.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

namespace mams::http {
namespace {

constexpr std::size_t kReadBytes = 16 * 1024;
// Above this, a TLS answer's body is written as its own record instead of being copied
// behind the head.
constexpr std::size_t kTlsCopyBytes = 16 * 1024;
constexpr int kDrainReadsPerCall = 16;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Connection::Connection(int fd, SSL* ssl, std::string client_address,
                       const ConnectionRules& rules, std::int64_t now_ms,
                       std::atomic<int>& open)
    : fd_(fd),
      ssl_(ssl),
      open_(open),
      client_address_(std::move(client_address)),
      rules_(rules),
      parser_(rules.head_limits),
      deadline_ms_(now_ms + rules.head_timeout_ms) {
  open_.fetch_add(1, std::memory_order_relaxed);
}

Connection::~Connection() {
  open_.fetch_sub(1, std::memory_order_relaxed);
  if (ssl_ != nullptr) {
    SSL_free(ssl_);
    ERR_clear_error();
  }
  ::close(fd_);
}

Connection::ReadResult Connection::ReadMore() {
  char buffer[kReadBytes];
  if (ssl_ != nullptr) {
    const int got = SSL_read(ssl_, buffer, sizeof buffer);
    if (got > 0) {
      in_.append(buffer, static_cast<std::size_t>(got));
      return ReadResult::kData;
    }
    const int error = SSL_get_error(ssl_, got);
    ERR_clear_error();
    if (error == SSL_ERROR_WANT_READ) {
      return ReadResult::kWantRead;
    }
    return error == SSL_ERROR_WANT_WRITE ? ReadResult::kWantWrite : ReadResult::kClosed;
  }
  for (;;) {
    const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
    if (got > 0) {
      in_.append(buffer, static_cast<std::size_t>(got));
      return ReadResult::kData;
    }
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return ReadResult::kWantRead;
    }
    return ReadResult::kClosed;
  }
}

Progress Connection::Advance(const RequestSink& sink, std::int64_t now_ms) {
  for (;;) {
    const Progress progress = Parse(sink, now_ms);
    if (progress != Progress::kWantRead) {
      return progress;
    }
    switch (ReadMore()) {
      case ReadResult::kData:
        if (phase_ == Phase::kBody) {
          deadline_ms_ = now_ms + rules_.io_timeout_ms;  // a body may take long, not pause long
        }
        continue;
      case ReadResult::kWantRead:
        return Progress::kWantRead;
      case ReadResult::kWantWrite:
        return Progress::kWantWrite;
      case ReadResult::kClosed:
        return Progress::kClosed;
    }
  }
}

Progress Connection::Parse(const RequestSink& sink, std::int64_t now_ms) {
  if (phase_ == Phase::kIdle || phase_ == Phase::kHead) {
    if (in_.empty()) {
      return Progress::kWantRead;
    }
    const auto status = parser_.Feed(in_);
    if (phase_ == Phase::kIdle && parser_.started()) {
      phase_ = Phase::kHead;
      if (served_ > 0) {  // a new connection's head counts from the connection
        deadline_ms_ = now_ms + rules_.head_timeout_ms;
      }
    }
    if (status == RequestHeadParser::Status::kError) {
      error_ = parser_.error();
      return Progress::kProtocolError;
    }
    if (status == RequestHeadParser::Status::kIncomplete) {
      return Progress::kWantRead;
    }
    in_.erase(0, parser_.consumed());
    const RequestHead& head = parser_.head();
    if (head.framing == BodyFraming::kNone) {
      return Progress::kRequest;
    }
    body_limit_ = sink.BodyLimit(head);
    if (head.framing == BodyFraming::kLength &&
        head.content_length > static_cast<std::uint64_t>(body_limit_)) {
      // Refused before 100 Continue and before a byte of the body is read.
      refused_ = true;
      error_ = ProtocolError{413, "body_too_large",
                             "request body exceeds " + std::to_string(body_limit_) + " bytes"};
      return Progress::kRefused;
    }
    if (head.expect_continue && !TryWrite(kContinue)) {
      return Progress::kClosed;
    }
    if (head.framing == BodyFraming::kChunked) {
      chunked_.emplace(body_limit_);
    } else {
      body_.reserve(static_cast<std::size_t>(head.content_length));
    }
    phase_ = Phase::kBody;
    deadline_ms_ = now_ms + rules_.io_timeout_ms;
  }
  if (phase_ != Phase::kBody) {
    return Progress::kWantRead;
  }
  if (!chunked_) {
    const std::size_t needed = parser_.head().content_length - body_.size();
    const std::size_t take = std::min(needed, in_.size());
    body_.append(in_, 0, take);
    in_.erase(0, take);
    return take == needed ? Progress::kRequest : Progress::kWantRead;
  }
  const auto status = chunked_->Feed(in_, &body_);
  in_.erase(0, chunked_->consumed());
  if (status == ChunkedBodyDecoder::Status::kComplete) {
    return Progress::kRequest;
  }
  if (status == ChunkedBodyDecoder::Status::kIncomplete) {
    return Progress::kWantRead;
  }
  error_ = chunked_->error();
  refused_ = error_.status == 413;
  return refused_ ? Progress::kRefused : Progress::kProtocolError;
}

ReceivedRequest Connection::TakeRequest(std::int64_t now_ms) {
  ReceivedRequest request;
  request.head = std::move(parser_.head());
  request.body = std::move(body_);
  request.client_address = client_address_;
  request.tls = ssl_ != nullptr;
  if (refused_) {
    request.refusal = error_;
  }
  parser_.Reset();
  chunked_.reset();
  body_ = std::string();
  refused_ = false;
  phase_ = Phase::kIdle;
  deadline_ms_ = now_ms + rules_.keep_alive_timeout_ms;
  return request;
}

void Connection::AwaitNext(std::int64_t now_ms) {
  deadline_ms_ = now_ms + rules_.keep_alive_timeout_ms;
}

bool Connection::WaitFor(short events, std::int64_t timeout_ms) const {
  pollfd one{fd_, events, 0};
  for (;;) {
    const int ready = ::poll(&one, 1, static_cast<int>(std::max<std::int64_t>(timeout_ms, 0)));
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    return ready > 0;
  }
}

bool Connection::WaitReadable(std::int64_t timeout_ms) const {
  return WaitFor(POLLIN, timeout_ms);
}

bool Connection::Write(const AnswerBytes& answer, bool head_only) {
  const std::string_view body = head_only ? std::string_view() : std::string_view(answer.body);
  std::int64_t give_up = NowMs() + rules_.io_timeout_ms;
  if (ssl_ != nullptr) {
    std::string joined;
    std::string_view pieces[2] = {answer.head, body};
    if (body.size() <= kTlsCopyBytes) {
      joined.reserve(answer.head.size() + body.size());
      joined.append(answer.head).append(body);
      pieces[0] = joined;
      pieces[1] = std::string_view();
    }
    for (std::string_view piece : pieces) {
      while (!piece.empty()) {
        const int sent = SSL_write(ssl_, piece.data(), static_cast<int>(std::min<std::size_t>(
                                                           piece.size(), 1 << 30)));
        if (sent > 0) {
          piece.remove_prefix(static_cast<std::size_t>(sent));
          give_up = NowMs() + rules_.io_timeout_ms;  // a long answer may take long, not stall long
          continue;
        }
        const int error = SSL_get_error(ssl_, sent);
        ERR_clear_error();
        const short wait = error == SSL_ERROR_WANT_WRITE  ? POLLOUT
                           : error == SSL_ERROR_WANT_READ ? POLLIN
                                                          : 0;
        if (wait == 0 || !WaitFor(wait, give_up - NowMs())) {
          return false;
        }
      }
    }
    return true;
  }
  iovec parts[2] = {{const_cast<char*>(answer.head.data()), answer.head.size()},
                    {const_cast<char*>(body.data()), body.size()}};
  msghdr message{};
  message.msg_iov = parts;
  message.msg_iovlen = body.empty() ? 1 : 2;
  while (message.msg_iovlen > 0) {
    const ssize_t sent = ::sendmsg(fd_, &message, MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) {
        continue;
      }
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || !WaitFor(POLLOUT, give_up - NowMs())) {
        return false;
      }
      continue;
    }
    give_up = NowMs() + rules_.io_timeout_ms;
    auto left = static_cast<std::size_t>(sent);
    while (message.msg_iovlen > 0 && left >= message.msg_iov->iov_len) {
      left -= message.msg_iov->iov_len;
      ++message.msg_iov;
      --message.msg_iovlen;
    }
    if (message.msg_iovlen > 0) {
      message.msg_iov->iov_base = static_cast<char*>(message.msg_iov->iov_base) + left;
      message.msg_iov->iov_len -= left;
    }
  }
  return true;
}

bool Connection::TryWrite(std::string_view bytes) {
  if (ssl_ != nullptr) {
    const int sent = SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()));
    ERR_clear_error();
    return sent == static_cast<int>(bytes.size());
  }
  const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  return sent == static_cast<ssize_t>(bytes.size());
}

void Connection::BeginClose(std::int64_t now_ms, std::int64_t drain_ms) {
  if (ssl_ != nullptr) {
    SSL_shutdown(ssl_);  // close_notify, best effort
    ERR_clear_error();
  }
  ::shutdown(fd_, SHUT_WR);
  phase_ = Phase::kDraining;
  deadline_ms_ = now_ms + drain_ms;
  in_ = std::string();
}

bool Connection::Drain() {
  char buffer[kReadBytes];
  for (int reads = 0; reads < kDrainReadsPerCall; ++reads) {
    const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
    if (got > 0) {
      continue;
    }
    if (got < 0 && errno == EINTR) {
      continue;
    }
    return got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
  return true;  // a client still sending gets the rest of its time, not the whole thread
}

}  // namespace mams::http
