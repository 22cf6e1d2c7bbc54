#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "node/storage/result_set.h"

namespace mams::scope {
class OrgTree;
}

namespace mams::auth {

/// The orgs a caller may see and change in one request: the intersection of the node's
/// subtree and the caller's org subtree. Every query and write of every module goes through
/// this one object; rows outside it are answered as not found. Immutable, thread-safe.
class DataScope {
 public:
  DataScope(std::shared_ptr<const scope::OrgTree> tree, const std::string& node_org,
            const std::string& user_org);

  /// True when `org_code` is inside the scope.
  bool Allows(const std::string& org_code) const;
  /// The top org of the scope, or empty when node and caller do not overlap.
  const std::string& root() const { return root_; }
  bool empty() const { return root_.empty(); }
  /// True when the scope is the whole org tree (its root is the tree's root).
  bool IsWholeTree() const;
  /// Every org code in scope, depth first from the root.
  const std::vector<std::string>& org_codes() const { return codes_; }

  /// A SQL condition limiting `column` (a constant from a repository, never input) to the
  /// scope, appending its bound values to `params`: "column IN (?, ?, ...)", or "1 = 0"
  /// for an empty scope.
  std::string SqlCondition(std::string_view column, storage::SqlParams* params) const;

  /// The part of this scope at and below `org` (the whole scope when `org` is above it,
  /// empty when `org` is beside it).
  DataScope Narrowed(const std::string& org) const { return DataScope(tree_, root_, org); }

  const scope::OrgTree& tree() const { return *tree_; }

 private:
  std::shared_ptr<const scope::OrgTree> tree_;
  std::string root_;
  std::vector<std::string> codes_;
};

}  // namespace mams::auth
