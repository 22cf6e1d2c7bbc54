#pragma once

#include <cstdint>
#include <memory>

namespace mams::config {
struct HttpSection;
}
namespace mams::metrics {
class Metrics;
}
namespace mams::auth {
class RequestGuard;
}
namespace mams::web {
class StaticSite;
}

namespace mams::http {

class Router;

/// The node's HTTP(S) listener: POCO HTTPServer with its own thread pool sized from config,
/// keep-alive, body limit, request ids, JSON errors, access log and metrics. The router
/// and metrics must outlive the server.
class HttpServer {
 public:
  /// `guard` authenticates and authorises every non-public route; it may be null only where
  /// no route needs it (tests of the bare pipeline).
  /// `site`, when not null, serves the web console at every path no route takes.
  HttpServer(const config::HttpSection& config, const Router& router, metrics::Metrics& metrics,
             const auth::RequestGuard* guard, const web::StaticSite* site = nullptr);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds and starts serving. Throws StartupError when the address is in use or the TLS
  /// certificate cannot be loaded.
  void Start();
  /// Stops accepting and waits for running requests to finish.
  void Stop();

  /// The bound port (useful with port 0).
  std::uint16_t port() const;
  int busy_threads() const;
  int queued_connections() const;
  std::uint64_t refused_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mams::http
