#include "node/http/http_server.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/ServerSocket.h>

#include <csignal>
#include <mutex>

#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/http/connection_loop.h"
#include "node/http/request_handler.h"
#include "node/http/request_sink.h"
#include "node/http/worker_pool.h"

namespace mams::http {
namespace {

// Connections waiting in the kernel before accept(); above the default 64 so bursts of new
// connections are not refused while the loop is busy.
constexpr int kListenBacklog = 1024;

Poco::Net::ServerSocket Listen(const config::HttpSection& config) {
  const Poco::Net::SocketAddress address(config.bind, config.port);
  try {
    Poco::Net::ServerSocket socket;
    socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
    socket.listen(kListenBacklog);
    socket.setBlocking(false);
    return socket;
  } catch (const Poco::Net::NetException& e) {
    throw StartupError("http: cannot listen on " + address.toString() + ": " + e.displayText() +
                       " (is another process using it? change http.port)");
  } catch (const Poco::IOException& e) {
    throw StartupError("http: cannot listen on " + address.toString() + ": " + e.displayText());
  }
}

Poco::Net::Context::Ptr TlsContext(const config::TlsSection& tls) {
  static std::once_flag ssl_initialised;
  std::call_once(ssl_initialised, [] { Poco::Net::initializeSSL(); });
  try {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, tls.key_file, tls.cert_file,
                               "", Poco::Net::Context::VERIFY_NONE);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return context;
  } catch (const Poco::Exception& e) {
    throw StartupError("http.tls: cannot load certificate '" + tls.cert_file + "' and key '" +
                       tls.key_file + "': " + e.displayText());
  }
}

ConnectionRules RulesFrom(const config::HttpSection& http) {
  ConnectionRules rules;
  rules.head_timeout_ms = std::int64_t{http.head_timeout_s} * 1000;
  rules.io_timeout_ms = std::int64_t{http.receive_timeout_s} * 1000;
  rules.keep_alive_timeout_ms = std::int64_t{http.keep_alive_timeout_s} * 1000;
  rules.max_keep_alive_requests = http.max_keep_alive_requests;
  return rules;
}

}  // namespace

struct HttpServer::Impl {
  Impl(const config::HttpSection& http, const Router& router, metrics::Metrics& metrics,
       const auth::RequestGuard* guard, const web::StaticSite* site, const ErrorCatalogue* errors)
      : config(http),
        handler_options{router, metrics, http.max_body_bytes, http.tls.has_value(), guard,
                        site,   errors},
        sink(MakeRequestSink(handler_options)) {}

  config::HttpSection config;
  RequestHandlerOptions handler_options;
  std::unique_ptr<RequestSink> sink;
  Poco::Net::Context::Ptr tls;
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  std::unique_ptr<WorkerPool> pool;
  std::unique_ptr<ConnectionLoop> loop;
};

HttpServer::HttpServer(const config::HttpSection& config, const Router& router,
                       metrics::Metrics& metrics, const auth::RequestGuard* guard,
                       const web::StaticSite* site, const ErrorCatalogue* errors)
    : impl_(std::make_unique<Impl>(config, router, metrics, guard, site, errors)) {}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Start() {
  const config::HttpSection& config = impl_->config;
  // A client that goes away mid-answer must not end the process: TLS writes through
  // OpenSSL cannot ask for MSG_NOSIGNAL.
  std::signal(SIGPIPE, SIG_IGN);
  if (config.tls) {
    impl_->tls = TlsContext(*config.tls);
  }
  impl_->socket = std::make_unique<Poco::Net::ServerSocket>(Listen(config));
  impl_->pool = std::make_unique<WorkerPool>(config.max_threads, config.max_queued);
  ConnectionLoopOptions options;
  options.rules = RulesFrom(config);
  options.max_connections = config.max_connections;
  options.tls = impl_->tls ? impl_->tls->sslContext() : nullptr;
  impl_->loop = std::make_unique<ConnectionLoop>(impl_->socket->impl()->sockfd(), options,
                                                 *impl_->sink, *impl_->pool);
  impl_->loop->Start();
}

void HttpServer::Stop() {
  if (impl_->loop) {
    impl_->loop->Stop();  // no new connections; waiting ones closed
    impl_->pool->Stop();  // requests being answered finish
    impl_->loop.reset();
    impl_->pool.reset();
    impl_->socket.reset();
  }
}

std::uint16_t HttpServer::port() const {
  return impl_->socket ? impl_->socket->address().port() : 0;
}

int HttpServer::busy_threads() const { return impl_->pool ? impl_->pool->busy() : 0; }

int HttpServer::queued_connections() const { return impl_->pool ? impl_->pool->queued() : 0; }

std::uint64_t HttpServer::refused_connections() const {
  return impl_->loop ? impl_->loop->refused() : 0;
}

int HttpServer::open_connections() const {
  return impl_->loop ? impl_->loop->open_connections() : 0;
}

}  // namespace mams::http
