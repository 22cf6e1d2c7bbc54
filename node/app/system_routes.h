#pragma once

#include <functional>
#include <vector>

#include "node/common/platform_fwd.h"
#include "node/http/http_types.h"

namespace mams::app {

/// `/api/v1` and, without a web console, `/` (what this node is), /api/v1/routes (the route table), /healthz (process is up: node
/// id and level), /readyz (storage answers) and /metrics (Prometheus text). `router` and
/// `metrics` are read at request time because they are completed after these routes.
std::vector<http::Route> SystemRoutes(const config::NodeConfig& config, storage::Storage& storage,
                                      const http::Router& router,
                                      std::function<const metrics::Metrics*()> metrics,
                                      bool console_at_root);

}  // namespace mams::app
