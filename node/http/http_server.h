#pragma once

#include <cstdint>
#include <memory>

#include "node/common/platform_fwd.h"

namespace mams::http {

class Router;

/// The node's HTTP(S) listener: one thread holds every connection while it waits for a
/// whole request (strict HTTP/1.1 framing, deadlines for slow clients), a pool of workers
/// answers whole requests (routing, the guard, JSON errors, audit, access log, metrics).
/// The router and metrics must outlive the server.
class HttpServer {
 public:
  /// `guard` authenticates and authorises every non-public route; it may be null only where
  /// no route needs it (tests of the bare pipeline).
  /// `site`, when not null, serves the web console at every path no route takes.
  /// `errors`, when not null, gives error messages in the language a request asks for; it
  /// must outlive the server.
  HttpServer(const config::HttpSection& config, const Router& router, metrics::Metrics& metrics,
             const auth::RequestGuard* guard, const web::StaticSite* site = nullptr,
             const ErrorCatalogue* errors = nullptr);
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
  /// Workers answering a request (or waiting briefly for a connection's next one).
  int busy_threads() const;
  /// Whole requests waiting for a worker.
  int queued_connections() const;
  /// Connections answered 503 for want of room.
  std::uint64_t refused_connections() const;
  int open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mams::http
