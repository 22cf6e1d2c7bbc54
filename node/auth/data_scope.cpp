#include "node/auth/data_scope.h"

#include "node/scope/org_tree.h"

namespace mams::auth {

DataScope::DataScope(std::shared_ptr<const scope::OrgTree> tree, const std::string& node_org,
                     const std::string& user_org)
    : tree_(std::move(tree)) {
  // The deeper of the two roots, if one contains the other; otherwise nothing.
  if (tree_->Contains(node_org, user_org)) {
    root_ = user_org;
  } else if (tree_->Contains(user_org, node_org)) {
    root_ = node_org;
  }
  if (!root_.empty()) {
    for (const scope::Org* org : tree_->Subtree(root_)) {
      codes_.push_back(org->code);
    }
  }
}

bool DataScope::Allows(const std::string& org_code) const {
  return !root_.empty() && tree_->Contains(root_, org_code);
}

bool DataScope::IsWholeTree() const { return !root_.empty() && tree_->Depth(root_) == 0; }

std::string DataScope::SqlCondition(std::string_view column, storage::SqlParams* params) const {
  if (codes_.empty()) {
    return "1 = 0";
  }
  std::string sql = std::string(column) + " IN (";
  for (std::size_t i = 0; i < codes_.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params->push_back(codes_[i]);
  }
  return sql + ")";
}

}  // namespace mams::auth
