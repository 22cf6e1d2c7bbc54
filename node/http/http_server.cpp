#include "node/http/http_server.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <mutex>

#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/http/request_handler.h"

namespace mams::http {
namespace {

// Connections waiting in the kernel before accept(); above the default 64 so bursts of new
// connections are not refused while threads are starting.
constexpr int kListenBacklog = 1024;
constexpr int kIdleThreadSeconds = 60;

Poco::Net::ServerSocket MakeSocket(const config::HttpSection& config) {
  const Poco::Net::SocketAddress address(config.bind, config.port);
  const std::string where = "http: cannot listen on " + address.toString();
  try {
    if (!config.tls) {
      Poco::Net::ServerSocket socket;
      socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
      socket.listen(kListenBacklog);
      return socket;
    }
    static std::once_flag ssl_initialised;
    std::call_once(ssl_initialised, [] { Poco::Net::initializeSSL(); });
    Poco::Net::Context::Ptr context;
    try {
      context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, config.tls->key_file,
                                       config.tls->cert_file, "", Poco::Net::Context::VERIFY_NONE);
      context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    } catch (const Poco::Exception& e) {
      throw StartupError("http.tls: cannot load certificate '" + config.tls->cert_file +
                         "' and key '" + config.tls->key_file + "': " + e.displayText());
    }
    Poco::Net::SecureServerSocket socket(context);
    socket.bind(address, true, false);
    socket.listen(kListenBacklog);
    return socket;
  } catch (const Poco::Net::NetException& e) {
    throw StartupError(where + ": " + e.displayText() +
                       " (is another process using it? change http.port)");
  } catch (const Poco::IOException& e) {
    throw StartupError(where + ": " + e.displayText());
  }
}

}  // namespace

struct HttpServer::Impl {
  Impl(const config::HttpSection& http, const Router& router, metrics::Metrics& metrics,
       const auth::RequestGuard* guard, const web::StaticSite* site)
      : config(http),
        // POCO serves one connection per thread, and an idle keep-alive connection keeps its
        // thread until the keep-alive timeout: the pool must be as large as the number of
        // connections to be held open at once (see docs/architecture.md, "HTTP threads").
        pool("http", 2, http.max_threads, kIdleThreadSeconds),
        handler_options{router, metrics, http.max_body_bytes, http.tls.has_value(), guard, site} {}

  config::HttpSection config;
  Poco::ThreadPool pool;
  RequestHandlerOptions handler_options;
  std::unique_ptr<Poco::Net::HTTPServer> server;
};

HttpServer::HttpServer(const config::HttpSection& config, const Router& router,
                       metrics::Metrics& metrics, const auth::RequestGuard* guard,
                       const web::StaticSite* site)
    : impl_(std::make_unique<Impl>(config, router, metrics, guard, site)) {}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Start() {
  Poco::Net::ServerSocket socket = MakeSocket(impl_->config);
  Poco::Net::HTTPServerParams::Ptr params(new Poco::Net::HTTPServerParams);
  params->setMaxThreads(impl_->config.max_threads);
  params->setMaxQueued(impl_->config.max_queued);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(impl_->config.keep_alive_timeout_s, 0));
  params->setMaxKeepAliveRequests(impl_->config.max_keep_alive_requests);
  params->setTimeout(Poco::Timespan(impl_->config.receive_timeout_s, 0));
  params->setThreadIdleTime(Poco::Timespan(kIdleThreadSeconds, 0));
  params->setServerName("mams-node");
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(
      MakeRequestHandlerFactory(impl_->handler_options), impl_->pool, socket, params);
  impl_->server->start();
}

void HttpServer::Stop() {
  if (impl_->server) {
    impl_->server->stopAll(/*abortCurrent=*/false);
    impl_->server.reset();
    impl_->pool.joinAll();
  }
}

std::uint16_t HttpServer::port() const {
  return impl_->server ? impl_->server->socket().address().port() : 0;
}

int HttpServer::busy_threads() const {
  return impl_->server ? impl_->server->currentThreads() : 0;
}

int HttpServer::queued_connections() const {
  return impl_->server ? impl_->server->queuedConnections() : 0;
}

std::uint64_t HttpServer::refused_connections() const {
  return impl_->server ? static_cast<std::uint64_t>(impl_->server->refusedConnections()) : 0;
}

}  // namespace mams::http
