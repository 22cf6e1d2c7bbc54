#pragma once

// Internal to node/http: the one POCO request handler every request goes through.
#include <cstdint>

namespace Poco::Net {
class HTTPRequestHandlerFactory;
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

struct RequestHandlerOptions {
  const Router& router;
  metrics::Metrics& metrics;
  std::int64_t max_body_bytes;
  bool tls;
  const auth::RequestGuard* guard;  ///< null only in tests of the bare pipeline
  /// The web console, answering GET/HEAD of every path no route takes; null: none.
  const web::StaticSite* site = nullptr;
};

/// Returns a factory (owned by the caller, then by POCO's HTTPServer) whose handlers read the
/// request, route it, run the route's handler, map errors to JSON and log one line.
Poco::Net::HTTPRequestHandlerFactory* MakeRequestHandlerFactory(
    const RequestHandlerOptions& options);

}  // namespace mams::http
