#include "node/http/connection_loop.h"

#include <Poco/Logger.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>

#include "node/common/errors.h"
#include "node/http/request_sink.h"
#include "node/http/worker_pool.h"
#include "node/logging/logging.h"

namespace mams::http {
namespace {

constexpr int kMaxEvents = 64;
constexpr int kTickMs = 250;
constexpr std::int64_t kAcceptPauseMs = 100;
// After a last answer the client gets this long to stop sending before the socket closes,
// so that unread bytes do not reset the connection before it has read the answer.
constexpr std::int64_t kDrainMs = 2000;
// A worker that has answered waits this long for the next request on the same connection
// before handing it back: a client that keeps its connection busy then costs no hand-over.
constexpr std::int64_t kLingerMs = 20;

// Tags of the two descriptors that are not connections.
char listener_tag;
char wake_tag;

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The client's address as text: IPv4 written here, four numbers and three dots (inet_ntop
// goes through sprintf); IPv6 through inet_ntop.
std::string ClientHost(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    const auto* octets = reinterpret_cast<const unsigned char*>(&v4.sin_addr.s_addr);
    char text[INET_ADDRSTRLEN];  // network order: the first octet is the first byte
    char* end = text;
    for (int i = 0; i < 4; ++i) {
      if (i > 0) {
        *end++ = '.';
      }
      end = std::to_chars(end, text + sizeof text, octets[i]).ptr;
    }
    return std::string(text, end);
  }
  char text[INET6_ADDRSTRLEN] = {};
  const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
  inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
  return text;
}

std::string Joined(const AnswerBytes& answer) { return answer.head + answer.body; }

}  // namespace

ConnectionLoop::ConnectionLoop(int listen_fd, ConnectionLoopOptions options,
                               const RequestSink& sink, WorkerPool& pool)
    : listen_fd_(listen_fd), options_(std::move(options)), sink_(sink), pool_(pool) {}

ConnectionLoop::~ConnectionLoop() {
  Stop();
  if (epoll_fd_ >= 0) {
    ::close(epoll_fd_);
  }
  if (wake_fd_ >= 0) {
    ::close(wake_fd_);
  }
}

void ConnectionLoop::Start() {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_fd_ < 0 || wake_fd_ < 0) {
    throw StartupError(std::string("http: cannot create the connection loop: ") +
                       std::strerror(errno));
  }
  epoll_event listener{EPOLLIN, {&listener_tag}};
  epoll_event wake{EPOLLIN, {&wake_tag}};
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &listener);
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake);
  thread_ = std::thread([this] { Run(); });
}

void ConnectionLoop::Stop() {
  if (!thread_.joinable()) {
    return;
  }
  stopping_ = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wake_fd_, &one, sizeof one);
  thread_.join();
}

void ConnectionLoop::Run() {
  epoll_event events[kMaxEvents];
  std::int64_t next_sweep = NowMs() + kTickMs;
  while (!stopping_) {
    const int ready = epoll_wait(epoll_fd_, events, kMaxEvents, kTickMs);
    const std::int64_t now = NowMs();
    for (int i = 0; i < ready; ++i) {
      void* tag = events[i].data.ptr;
      if (tag == &listener_tag) {
        AcceptAll(now);
      } else if (tag == &wake_tag) {
        std::uint64_t count = 0;
        [[maybe_unused]] const auto got = ::read(wake_fd_, &count, sizeof count);
        TakeReturned(now);
      } else {
        OnReady(static_cast<Connection*>(tag), now);
      }
    }
    if (now >= next_sweep) {
      Sweep(now);
      next_sweep = now + kTickMs;
    }
  }
  std::lock_guard<std::mutex> lock(returned_mutex_);
  loop_ended_ = true;
  returned_.clear();
  waiting_.clear();
}

void ConnectionLoop::AcceptAll(std::int64_t now_ms) {
  for (;;) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    const int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length,
                           SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) {
        continue;
      }
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        PauseAccepting(now_ms);
      }
      return;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    SSL* ssl = nullptr;
    if (options_.tls != nullptr) {
      ssl = SSL_new(options_.tls);
      if (ssl == nullptr) {
        ::close(fd);
        continue;
      }
      SSL_set_fd(ssl, fd);
      SSL_set_accept_state(ssl);
      SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    }
    auto connection = std::make_unique<Connection>(fd, ssl, ClientHost(address), options_.rules,
                                                   now_ms, open_);
    Connection* raw = connection.get();
    if (open_connections() > options_.max_connections) {
      refused_.fetch_add(1, std::memory_order_relaxed);
      if (ssl == nullptr) {
        AnswerBytes answer;
        sink_.AnswerProtocolError(
            ProtocolError{503, "too_many_connections", "the server has no room; retry"},
            raw->client_address(), &answer);
        raw->TryWrite(Joined(answer));
      }
      continue;  // closed as it goes out of scope
    }
    epoll_event event{EPOLLIN | EPOLLONESHOT, {raw}};
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
    waiting_.emplace(raw, std::move(connection));
  }
}

void ConnectionLoop::PauseAccepting(std::int64_t now_ms) {
  // Out of descriptors: the listener would stay readable and spin the loop. Try again a
  // little later; clients wait in the kernel's backlog meanwhile.
  if (accept_paused_until_ == 0) {
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
    Poco::Logger::get(logging::kHttpLogger)
        .warning("http: out of file descriptors (%d connections open); accepting paused",
                 open_connections());
  }
  accept_paused_until_ = now_ms + kAcceptPauseMs;
}

void ConnectionLoop::OnReady(Connection* connection, std::int64_t now_ms) {
  if (connection->phase() == Connection::Phase::kDraining) {
    if (connection->Drain()) {
      Watch(connection, Progress::kWantRead);
    } else {
      Close(connection);
    }
    return;
  }
  Handle(connection, connection->Advance(sink_, now_ms), now_ms);
}

void ConnectionLoop::Handle(Connection* connection, Progress progress, std::int64_t now_ms) {
  switch (progress) {
    case Progress::kWantRead:
    case Progress::kWantWrite:
      Watch(connection, progress);
      return;
    case Progress::kClosed:
      Close(connection);
      return;
    case Progress::kProtocolError:
      AnswerAndClose(connection, connection->error(), now_ms);
      return;
    case Progress::kRequest:
    case Progress::kRefused:
      Dispatch(connection, progress, now_ms);
      return;
  }
}

void ConnectionLoop::Dispatch(Connection* connection, Progress progress, std::int64_t now_ms) {
  auto found = waiting_.find(connection);
  if (found == waiting_.end()) {
    return;  // not held here: cannot happen, but a dispatch must not invent an owner
  }
  Connection* raw = found->second.release();
  waiting_.erase(found);
  // std::function must be copyable: the job holds the pointer and owns it when it runs.
  if (pool_.Submit([this, raw, progress] { Serve(std::unique_ptr<Connection>(raw), progress); })) {
    return;
  }
  waiting_.emplace(raw, std::unique_ptr<Connection>(raw));
  refused_.fetch_add(1, std::memory_order_relaxed);
  AnswerAndClose(raw, ProtocolError{503, "overloaded", "the server is busy; retry"}, now_ms);
}

void ConnectionLoop::AnswerAndClose(Connection* connection, const ProtocolError& error,
                                    std::int64_t now_ms) {
  AnswerBytes answer;
  sink_.AnswerProtocolError(error, connection->client_address(), &answer);
  if (!connection->TryWrite(Joined(answer))) {
    Close(connection);
    return;
  }
  connection->BeginClose(now_ms, kDrainMs);
  Watch(connection, Progress::kWantRead);
}

void ConnectionLoop::Watch(Connection* connection, Progress progress) {
  epoll_event event{
      static_cast<std::uint32_t>((progress == Progress::kWantWrite ? EPOLLOUT : EPOLLIN) |
                                 EPOLLONESHOT),
      {connection}};
  epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, connection->fd(), &event);
}

void ConnectionLoop::Close(Connection* connection) { waiting_.erase(connection); }

void ConnectionLoop::Sweep(std::int64_t now_ms) {
  if (accept_paused_until_ != 0 && now_ms >= accept_paused_until_) {
    accept_paused_until_ = 0;
    epoll_event listener{EPOLLIN, {&listener_tag}};
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &listener);
  }
  std::vector<Connection*> late;
  for (const auto& [raw, owned] : waiting_) {
    if (raw->deadline_ms() <= now_ms) {
      late.push_back(raw);
    }
  }
  for (Connection* connection : late) {
    const Connection::Phase phase = connection->phase();
    if (phase == Connection::Phase::kIdle || phase == Connection::Phase::kDraining) {
      Close(connection);  // nothing asked, or the last answer given: nothing to say
      continue;
    }
    const std::string what =
        phase == Connection::Phase::kHead
            ? "the request head did not arrive within " +
                  std::to_string(options_.rules.head_timeout_ms / 1000) + " s"
            : "the request body stalled for " +
                  std::to_string(options_.rules.io_timeout_ms / 1000) + " s";
    AnswerAndClose(connection, ProtocolError{408, "request_timeout", what}, now_ms);
  }
}

void ConnectionLoop::TakeReturned(std::int64_t now_ms) {
  std::vector<std::pair<std::unique_ptr<Connection>, Return>> returned;
  {
    std::lock_guard<std::mutex> lock(returned_mutex_);
    returned.swap(returned_);
  }
  for (auto& [owned, mode] : returned) {
    Connection* connection = owned.get();
    waiting_.emplace(connection, std::move(owned));
    if (mode == Return::kClose) {
      connection->BeginClose(now_ms, kDrainMs);
      Watch(connection, Progress::kWantRead);
    } else {
      OnReady(connection, now_ms);  // TLS may hold bytes the socket no longer signals
    }
  }
}

void ConnectionLoop::GiveBack(std::unique_ptr<Connection> connection, Return mode) {
  {
    std::lock_guard<std::mutex> lock(returned_mutex_);
    if (loop_ended_) {
      return;  // stopping: the connection closes here
    }
    returned_.emplace_back(std::move(connection), mode);
  }
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wake_fd_, &one, sizeof one);
}

void ConnectionLoop::Serve(std::unique_ptr<Connection> connection, Progress progress) {
  thread_local AnswerBytes answer;
  const int max_requests = options_.rules.max_keep_alive_requests;
  while (progress == Progress::kRequest || progress == Progress::kRefused) {
    ReceivedRequest request = connection->TakeRequest(NowMs());
    connection->CountServed();
    const bool keep_alive = request.head.keep_alive && !request.refusal && !stopping_ &&
                            (max_requests == 0 || connection->requests_served() < max_requests);
    const bool head_only = request.head.method == "HEAD";  // the sink takes the request apart
    answer.head.clear();
    answer.body.clear();
    answer.close = false;
    sink_.Answer(request, keep_alive, &answer);
    const bool written = connection->Write(answer, head_only);
    answer.body = std::string();  // an export's megabytes are not kept by the thread
    if (!written) {
      return;  // the client is gone
    }
    if (!keep_alive || answer.close) {
      GiveBack(std::move(connection), Return::kClose);
      return;
    }
    connection->AwaitNext(NowMs());
    progress = connection->Advance(sink_, NowMs());
    const std::int64_t linger_until = NowMs() + kLingerMs;
    while (progress == Progress::kWantRead && !stopping_ && !pool_.Crowded()) {
      const std::int64_t left = linger_until - NowMs();
      if (left <= 0 || !connection->WaitReadable(left)) {
        break;
      }
      progress = connection->Advance(sink_, NowMs());
    }
  }
  switch (progress) {
    case Progress::kProtocolError:
      answer.head.clear();
      answer.body.clear();
      sink_.AnswerProtocolError(connection->error(), connection->client_address(), &answer);
      if (connection->Write(answer, false)) {
        GiveBack(std::move(connection), Return::kClose);
      }
      return;
    case Progress::kClosed:
      return;
    default:
      GiveBack(std::move(connection), Return::kWaiting);
      return;
  }
}

}  // namespace mams::http
