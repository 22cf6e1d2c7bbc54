#include "modules/messages/inbox/message_routing.h"

#include "node/scope/org_tree.h"

namespace mams::messages {

std::optional<std::string> TravelOrg(const scope::OrgTree& tree, const std::string& node_org,
                                     const std::string& recipient_org) {
  if (tree.Find(recipient_org) == nullptr) {
    return std::nullopt;
  }
  if (tree.Contains(node_org, recipient_org)) {
    return recipient_org;
  }
  // A child may only send rows of its own subtree up; its ancestors receive all of them.
  if (tree.Contains(recipient_org, node_org)) {
    return node_org;
  }
  return std::nullopt;
}

}  // namespace mams::messages
