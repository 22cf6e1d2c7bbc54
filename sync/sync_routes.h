#pragma once

#include <string>
#include <vector>

#include "node/common/platform_fwd.h"
#include "node/http/http_types.h"

namespace mams::sync {

class SyncCatalog;
class SyncService;

/// GET /api/v1/sync/links, /sync/conflicts and /sync/quarantine (permission sync:read), each
/// limited to the caller's scope: conflicts and quarantined changes by the row's org, a
/// child's link by the child's org and the parent link by this node's org (`node_org`).
/// GET /api/v1/sync/checksum (sync:read) digests what this node holds of a subtree in the
/// caller's scope, to compare with the same call at the parent or the child.
/// POST /api/v1/sync/links/{peer}/pause, /resume and /resync (sync:admin, audited) act on a
/// link in the caller's scope.
std::vector<http::Route> SyncRoutes(SyncService& service, storage::Storage& storage,
                                    const SyncCatalog& catalog, const audit::AuditLog& audit,
                                    const std::string& node_org);

}  // namespace mams::sync
