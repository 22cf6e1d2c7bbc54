#pragma once

#include <optional>
#include <string>

namespace mams::scope {
class OrgTree;
}

namespace mams::messages {

/// The org a message row carries so that sync brings it to the recipient's node
/// (docs/messages.md, "Where a message travels"): the recipient's org when it lies in this
/// node's subtree (the row goes down, or stays), this node's org when the recipient is above
/// (every row goes up to every ancestor); nothing when the recipient is in another branch.
std::optional<std::string> TravelOrg(const scope::OrgTree& tree, const std::string& node_org,
                                     const std::string& recipient_org);

}  // namespace mams::messages
