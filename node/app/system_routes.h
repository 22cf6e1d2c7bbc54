#pragma once

#include <functional>
#include <vector>

#include "node/http/http_types.h"

namespace mams::config {
struct NodeConfig;
}
namespace mams::metrics {
class Metrics;
}
namespace mams::storage {
class Storage;
}

namespace mams::app {

/// /healthz (process is up: node id and level), /readyz (storage answers) and /metrics
/// (Prometheus text). `metrics` is read lazily because it is built after the routes.
std::vector<http::Route> SystemRoutes(const config::NodeConfig& config, storage::Storage& storage,
                                      std::function<const metrics::Metrics*()> metrics);

}  // namespace mams::app
