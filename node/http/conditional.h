#pragma once

#include <cstdint>
#include <optional>

#include "node/http/http_types.h"

namespace mams::http {

/// The row version in `If-Match: "7"` (quotes optional), or nothing when the header is
/// absent. Throws ApiError 400 `invalid_if_match` for anything else.
std::optional<std::int64_t> IfMatchVersion(const HttpRequest& request);

/// Adds `ETag: "<version>"`.
void SetETag(HttpResponse* response, std::int64_t version);

}  // namespace mams::http
