// mams_bench_idle_connections: holds COUNT idle HTTP/1.1 keep-alive connections open to a
// server, then times fresh requests on new connections while they are held. POCO serves one
// connection per thread, so an idle keep-alive connection keeps a thread: this checks that the
// server still answers a newcomer promptly when many connections sit idle.
//
// Usage: mams_bench_idle_connections HOST PORT COUNT PATH [slow]
//
// With "slow", the COUNT connections are slow clients instead: each sends the start of a
// request head ("GET PATH HTTP/1.1\r\nHost: x\r\n") and never finishes it, as a client
// trickling header lines would (a server that reads heads on a thread per connection gives
// each of them a thread until its timeout).
//
// Prints one result line:
//   idle=<held> new_request_ms_p50=<x> new_request_ms_max=<y> failures=<n> ...
// and exits 0 when every connection and probe succeeded and the slowest probe took < 1 s.
// Plain POSIX sockets, no POCO: the client must not share anything with the server under test.
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr int kProbes = 20;
constexpr int kConnectTimeoutMs = 10000;
constexpr int kIoTimeoutSeconds = 10;
constexpr double kMaxProbeMs = 1000.0;
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
constexpr int kMaxFailuresPrinted = 20;

using Clock = std::chrono::steady_clock;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string Errno(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

rlim_t OpenFileLimit() {
  rlimit limit{};
  return getrlimit(RLIMIT_NOFILE, &limit) == 0 ? limit.rlim_cur : 0;
}

/// Owns a socket descriptor.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Socket& operator=(Socket&& other) noexcept {
    if (this != &other) {
      Close();
      fd_ = other.fd_;
      other.fd_ = -1;
    }
    return *this;
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() { Close(); }

  int fd() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void Close() {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }

 private:
  int fd_ = -1;
};

/// Connects with a timeout; on success the socket is blocking with send/receive timeouts.
Socket Connect(const addrinfo& address, std::string* error) {
  Socket socket(::socket(address.ai_family, address.ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                         address.ai_protocol));
  if (!socket.valid()) {
    *error = Errno("socket");
    return Socket();
  }
  if (::connect(socket.fd(), address.ai_addr, address.ai_addrlen) != 0) {
    if (errno != EINPROGRESS) {
      *error = Errno("connect");
      return Socket();
    }
    pollfd waiting{socket.fd(), POLLOUT, 0};
    const int ready = ::poll(&waiting, 1, kConnectTimeoutMs);
    if (ready == 0) {
      *error = "connect: timed out";
      return Socket();
    }
    if (ready < 0) {
      *error = Errno("poll");
      return Socket();
    }
    int socket_error = 0;
    socklen_t length = sizeof socket_error;
    if (::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &socket_error, &length) != 0) {
      *error = Errno("getsockopt");
      return Socket();
    }
    if (socket_error != 0) {
      *error = std::string("connect: ") + std::strerror(socket_error);
      return Socket();
    }
  }
  const int flags = ::fcntl(socket.fd(), F_GETFL);
  ::fcntl(socket.fd(), F_SETFL, flags & ~O_NONBLOCK);
  timeval timeout{};
  timeout.tv_sec = kIoTimeoutSeconds;
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  const int one = 1;
  ::setsockopt(socket.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return socket;
}

bool SendAll(int fd, const std::string& data, std::string* error) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      *error = Errno("send");
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

/// Appends what arrives to `buffer`; false with `error` set on timeout, error or EOF.
bool ReceiveMore(int fd, std::string* buffer, std::string* error) {
  char chunk[16384];
  for (;;) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n > 0) {
      buffer->append(chunk, static_cast<std::size_t>(n));
      return true;
    }
    if (n == 0) {
      *error = "recv: connection closed by server";
      return false;
    }
    if (errno == EINTR) {
      continue;
    }
    *error = (errno == EAGAIN || errno == EWOULDBLOCK) ? std::string("recv: timed out")
                                                       : Errno("recv");
    return false;
  }
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

/// Reads one response (headers, then Content-Length bytes of body). Non-2xx is an error.
bool ReadResponse(int fd, std::string* error) {
  std::string buffer;
  std::size_t header_end = std::string::npos;
  while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
    if (buffer.size() > kMaxHeaderBytes) {
      *error = "response headers too long";
      return false;
    }
    if (!ReceiveMore(fd, &buffer, error)) {
      return false;
    }
  }
  const std::string head = Lower(buffer.substr(0, header_end + 2));
  // Status line: "http/1.1 200 ok".
  const std::size_t space = head.find(' ');
  const int status = space == std::string::npos ? 0 : std::atoi(head.c_str() + space + 1);
  if (status < 200 || status > 299) {
    *error = "unexpected status line: " + buffer.substr(0, buffer.find("\r\n"));
    return false;
  }
  const std::string key = "\r\ncontent-length:";
  const std::size_t at = head.find(key);
  if (at == std::string::npos) {
    *error = "response has no Content-Length";
    return false;
  }
  const long long length = std::atoll(head.c_str() + at + key.size());
  if (length < 0) {
    *error = "bad Content-Length";
    return false;
  }
  const std::size_t wanted = header_end + 4 + static_cast<std::size_t>(length);
  while (buffer.size() < wanted) {
    if (!ReceiveMore(fd, &buffer, error)) {
      return false;
    }
  }
  if (buffer.size() > wanted) {
    *error = "unexpected bytes after the response body";
    return false;
  }
  return true;
}

/// Opens a connection and completes one GET on it; returns the (still open) socket.
Socket OpenAndRequest(const addrinfo& address, const std::string& request, std::string* error) {
  Socket socket = Connect(address, error);
  if (!socket.valid()) {
    return socket;
  }
  if (!SendAll(socket.fd(), request, error) || !ReadResponse(socket.fd(), error)) {
    return Socket();
  }
  return socket;
}

/// Counts held connections the server has not closed (no EOF, error or stray data pending).
std::size_t CountStillOpen(const std::vector<Socket>& held) {
  std::vector<pollfd> fds;
  fds.reserve(held.size());
  for (const Socket& socket : held) {
    fds.push_back(pollfd{socket.fd(), POLLIN | POLLRDHUP, 0});
  }
  if (fds.empty() || ::poll(fds.data(), fds.size(), 0) < 0) {
    return 0;
  }
  return static_cast<std::size_t>(std::count_if(
      fds.begin(), fds.end(), [](const pollfd& fd) { return fd.revents == 0; }));
}

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) {
    return 0.0;
  }
  std::sort(values.begin(), values.end());
  const double rank = fraction * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(rank);
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (values[above] - values[below]) * (rank - static_cast<double>(below));
}

class Failures {
 public:
  void Add(const std::string& what) {
    ++count_;
    if (count_ <= kMaxFailuresPrinted) {
      std::cerr << "failure: " << what << "\n";
    } else if (count_ == kMaxFailuresPrinted + 1) {
      std::cerr << "failure: (further failures counted, not printed)\n";
    }
  }
  int count() const { return count_; }

 private:
  int count_ = 0;
};

int Usage() {
  std::cerr << "usage: mams_bench_idle_connections HOST PORT COUNT PATH [slow]\n"
               "  holds COUNT idle keep-alive connections (slow: unfinished request heads), then"
               " times " << kProbes << " requests on new connections\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 && !(argc == 6 && std::string(argv[5]) == "slow")) {
    return Usage();
  }
  const bool slow = argc == 6;
  const std::string host = argv[1];
  const std::string port = argv[2];
  char* end = nullptr;
  const long count = std::strtol(argv[3], &end, 10);
  const std::string path = argv[4];
  if (end == argv[3] || *end != '\0' || count < 0 || path.empty() || path[0] != '/') {
    return Usage();
  }

  RaiseOpenFileLimit();
  const rlim_t needed = static_cast<rlim_t>(count) + 16;
  if (OpenFileLimit() < needed) {
    std::cerr << "warning: open file limit " << OpenFileLimit() << " is below the " << needed
              << " descriptors needed; some connections will fail\n";
  }

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* resolved = nullptr;
  if (const int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &resolved); rc != 0) {
    std::cerr << "mams_bench_idle_connections: cannot resolve " << host << ":" << port << ": "
              << ::gai_strerror(rc) << "\n";
    return 2;
  }
  const addrinfo address = *resolved;  // ai_addr stays valid until freeaddrinfo below

  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n";
  Failures failures;

  // 1. Open COUNT connections, one request each, and keep them idle (or leave each with an
  // unfinished head).
  const std::string unfinished = "GET " + path + " HTTP/1.1\r\nHost: x\r\n";
  std::vector<Socket> held;
  held.reserve(static_cast<std::size_t>(count));
  const auto setup_started = Clock::now();
  for (long i = 0; i < count; ++i) {
    std::string error;
    Socket socket;
    if (slow) {
      socket = Connect(address, &error);
      if (socket.valid() && !SendAll(socket.fd(), unfinished, &error)) {
        socket.Close();
      }
    } else {
      socket = OpenAndRequest(address, request, &error);
    }
    if (socket.valid()) {
      held.push_back(std::move(socket));
    } else {
      failures.Add("idle connection " + std::to_string(i + 1) + ": " + error);
    }
  }
  const double setup_seconds = MillisSince(setup_started) / 1000.0;
  std::cerr << "held " << held.size() << " of " << count
            << (slow ? " slow connections" : " idle keep-alive connections") << " (opened in "
            << setup_seconds << " s)\n";

  // 2. While they are held, time fresh requests, each on a new connection.
  std::vector<double> probe_ms;
  for (int i = 0; i < kProbes; ++i) {
    std::string error;
    const auto started = Clock::now();
    Socket socket = OpenAndRequest(address, request, &error);
    const double ms = MillisSince(started);
    if (socket.valid()) {
      probe_ms.push_back(ms);
    } else {
      failures.Add("new request " + std::to_string(i + 1) + " (after " + std::to_string(ms) +
                   " ms): " + error);
    }
  }
  const std::size_t still_open = CountStillOpen(held);
  ::freeaddrinfo(resolved);

  const double p50 = Percentile(probe_ms, 0.5);
  const double max = probe_ms.empty() ? 0.0 : *std::max_element(probe_ms.begin(), probe_ms.end());
  char line[256];
  std::snprintf(line, sizeof line,
                "%s=%zu new_request_ms_p50=%.2f new_request_ms_max=%.2f failures=%d "
                "probes_ok=%zu/%d held_still_open=%zu setup_s=%.2f",
                slow ? "slow" : "idle", held.size(), p50, max, failures.count(), probe_ms.size(), kProbes, still_open,
                setup_seconds);
  std::cout << line << std::endl;

  const bool ok = failures.count() == 0 && !probe_ms.empty() && max < kMaxProbeMs;
  return ok ? 0 : 1;
}
