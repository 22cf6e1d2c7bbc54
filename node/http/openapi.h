#pragma once

#include <string>

#include "node/http/router.h"

namespace mams::http {

/// An OpenAPI 3.0 description of every route of `router`: paths with their `{name}`
/// parameters, summary, the permission each needs (as `x-permission`), the security
/// schemes (bearer token, session cookie) and the error body. Generated from the routes
/// themselves so it cannot drift from what the node serves.
std::string OpenApiDocument(const Router& router, const std::string& version);

}  // namespace mams::http
