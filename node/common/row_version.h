#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "node/common/errors.h"

namespace mams {

/// Optimistic concurrency: throws ApiError 409 `version_conflict` when the client's
/// If-Match version is not the row's current one. `what` names the row ("customer").
inline void RequireVersion(std::int64_t current, std::optional<std::int64_t> if_match,
                           const std::string& what) {
  if (if_match && *if_match != current) {
    throw ApiError(ErrorKind::kConflict, "version_conflict",
                   "the " + what + " was changed by someone else (now version " +
                       std::to_string(current) + "); reload and retry")
        .With("version", std::to_string(current));
  }
}

}  // namespace mams
