#pragma once

#include <string>
#include <string_view>

namespace mams {

/// A new time-ordered UUID (RFC 9562 version 7) in canonical text form. Ids sort by creation
/// time, which keeps B-tree inserts local on both backends. Thread-safe.
std::string NewRowId();

/// A UUID (version 5) derived from `name`: the same on every node, so reference rows seeded
/// independently at each level share one id and sync does not duplicate them.
std::string StableRowId(std::string_view name);

}  // namespace mams
