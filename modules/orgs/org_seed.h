#pragma once

#include <vector>

#include "node/scope/org_tree.h"

namespace mams::orgs {

/// The reference organisation list every node starts with: the group headquarters, the 31
/// provincial-level divisions of mainland China (codes from GB/T 2260) and sample local
/// networks (prefecture-level cities, also GB/T 2260 codes). Ids are stable across nodes.
std::vector<scope::Org> SeedOrgs();

/// Code of the group headquarters in the seed list.
inline constexpr char kGroupCode[] = "CN";

}  // namespace mams::orgs
