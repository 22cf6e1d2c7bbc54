#pragma once

#include <string>
#include <vector>

#include "node/http/http_types.h"

namespace mams::scope {
class OrgDirectory;
}

namespace mams::orgs {

/// GET /api/v1/orgs (flat list of the caller's scope with filters and paging),
/// GET /api/v1/orgs/tree (nested) and GET /api/v1/orgs/{code} (one org with its children).
/// The scope is the node's subtree narrowed to the caller's org; orgs outside it answer
/// 404. `orgs` must outlive the routes.
std::vector<http::Route> MakeOrgRoutes(const scope::OrgDirectory& orgs,
                                       const std::string& served_org);

}  // namespace mams::orgs
