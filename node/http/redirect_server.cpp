#include "node/http/redirect_server.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>

#include "node/common/error_catalogue.h"
#include "node/common/errors.h"
#include "node/http/answer_head.h"
#include "node/http/connection_loop.h"
#include "node/http/http_types.h"
#include "node/http/json.h"
#include "node/http/request_sink.h"
#include "node/http/worker_pool.h"

namespace mams::http {
namespace {

// A redirect needs no body: a small one is read and dropped, a larger one refused.
constexpr std::int64_t kMaxBodyBytes = 64 * 1024;
constexpr int kThreads = 8;
constexpr int kQueued = 64;
constexpr int kMaxConnections = 1024;

std::string HostOf(const RequestHead& head) {
  for (const auto& [name, value] : head.fields) {
    if (name == "host") {
      return value;
    }
  }
  return {};
}

// Every request, read with the same strict framing as the node's own port, gets a 308 to
// the same target on the HTTPS port; the connection closes after it.
class RedirectSink final : public RequestSink {
 public:
  RedirectSink(std::uint16_t https_port, std::string fallback_host)
      : https_port_(https_port), fallback_host_(std::move(fallback_host)) {}

  std::int64_t BodyLimit(const RequestHead&) const override { return kMaxBodyBytes; }

  void Answer(ReceivedRequest& request, bool, AnswerBytes* answer) const override {
    HttpResponse out;
    out.status = 308;
    out.content_type = "text/plain";
    out.headers.emplace_back("Location", RedirectLocation(HostOf(request.head), request.head.target,
                                                          https_port_, fallback_host_));
    AppendAnswerHead(out, "-", /*keep_alive=*/false, /*tls=*/false, &answer->head);
    answer->close = true;
  }

  void AnswerProtocolError(const ProtocolError& error, const std::string&,
                           AnswerBytes* answer) const override {
    // No request was read: the answer is in the default language.
    const std::string message = errors_.MessageFor(
        ApiError(ErrorKind::kBadRequest, error.code, error.message), Language::kChinese);
    const HttpResponse out =
        HttpResponse::Json(error.status, ErrorBody(error.code, message, "", "-"));
    AppendAnswerHead(out, "-", /*keep_alive=*/false, /*tls=*/false, &answer->head);
    answer->body = out.body;
    answer->close = true;
  }

 private:
  std::uint16_t https_port_;
  std::string fallback_host_;
  ErrorCatalogue errors_;  // the node's own codes: a redirect port answers nothing else
};

}  // namespace

std::string RedirectLocation(const std::string& host_header, const std::string& target,
                             std::uint16_t https_port, const std::string& fallback_host) {
  std::string host = host_header;
  const auto bracket = host.rfind(']');
  const auto colon = host.rfind(':');
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    host.erase(colon);
  }
  bool safe = !host.empty();
  for (const char c : host) {
    safe = safe && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '[' || c == ']' || c == ':');
  }
  const std::string path = !target.empty() && target.front() == '/' ? target : "/";
  return "https://" + (safe ? host : fallback_host) + ":" + std::to_string(https_port) + path;
}

struct RedirectServer::Impl {
  std::string bind;
  std::uint16_t port;
  std::uint16_t https_port;
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  std::unique_ptr<RedirectSink> sink;
  std::unique_ptr<WorkerPool> pool;
  std::unique_ptr<ConnectionLoop> loop;
};

RedirectServer::RedirectServer(const std::string& bind, std::uint16_t port,
                               std::uint16_t https_port)
    : impl_(std::make_unique<Impl>(Impl{bind, port, https_port, nullptr, nullptr, nullptr,
                                        nullptr})) {}

RedirectServer::~RedirectServer() { Stop(); }

void RedirectServer::Start() {
  const Poco::Net::SocketAddress address(impl_->bind, impl_->port);
  auto socket = std::make_unique<Poco::Net::ServerSocket>();
  try {
    socket->bind(address, true, false);
    socket->listen(64);
    socket->setBlocking(false);
  } catch (const Poco::Net::NetException& e) {
    throw StartupError("http.redirect_port: cannot listen on " + address.toString() + ": " +
                       e.displayText());
  }
  impl_->socket = std::move(socket);
  impl_->sink = std::make_unique<RedirectSink>(impl_->https_port, impl_->bind);
  impl_->pool = std::make_unique<WorkerPool>(kThreads, kQueued);
  ConnectionLoopOptions options;
  options.max_connections = kMaxConnections;
  impl_->loop = std::make_unique<ConnectionLoop>(impl_->socket->impl()->sockfd(), options,
                                                 *impl_->sink, *impl_->pool);
  impl_->loop->Start();
}

void RedirectServer::Stop() {
  if (impl_->loop) {
    impl_->loop->Stop();
    impl_->pool->Stop();
    impl_->loop.reset();
    impl_->pool.reset();
    impl_->socket.reset();
  }
}

std::uint16_t RedirectServer::port() const {
  return impl_->socket ? impl_->socket->address().port() : 0;
}

}  // namespace mams::http
