#pragma once

#include <string>
#include <vector>

#include "node/http/http_types.h"

namespace mams::storage {
class Storage;
}

namespace mams::sync {

class SyncService;

/// GET /api/v1/sync/links, /sync/conflicts and /sync/quarantine (permission sync:read), each
/// limited to the caller's scope: conflicts and quarantined changes by the row's org, a
/// child's link by the child's org and the parent link by this node's org (`node_org`).
std::vector<http::Route> SyncRoutes(const SyncService& service, storage::Storage& storage,
                                    const std::string& node_org);

}  // namespace mams::sync
