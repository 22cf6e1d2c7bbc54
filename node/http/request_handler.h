#pragma once

// Internal to node/http: what answers every request of the node.
#include <cstdint>
#include <memory>

#include "node/common/platform_fwd.h"

namespace mams::http {

class Router;
class RequestSink;

struct RequestHandlerOptions {
  const Router& router;
  metrics::Metrics& metrics;
  std::int64_t max_body_bytes;
  bool tls;
  const auth::RequestGuard* guard;  ///< null only in tests of the bare pipeline
  /// The web console, answering GET/HEAD of every path no route takes; null: none.
  const web::StaticSite* site = nullptr;
  /// Error messages by code, chosen by Accept-Language; null: messages as thrown.
  const ErrorCatalogue* errors = nullptr;
};

/// The sink that routes each request, admits it through the guard, runs the route's
/// handler, maps errors to JSON, audits refusals, counts and logs one line. `options` must
/// outlive it.
std::unique_ptr<RequestSink> MakeRequestSink(const RequestHandlerOptions& options);

}  // namespace mams::http
