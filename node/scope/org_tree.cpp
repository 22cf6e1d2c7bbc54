#include "node/scope/org_tree.h"

#include <algorithm>
#include <stdexcept>

namespace mams::scope {

OrgTree::OrgTree(std::vector<Org> orgs) : orgs_(std::move(orgs)) {
  std::sort(orgs_.begin(), orgs_.end(), [](const Org& a, const Org& b) {
    return a.sort_order != b.sort_order ? a.sort_order < b.sort_order : a.code < b.code;
  });
  for (std::size_t i = 0; i < orgs_.size(); ++i) {
    if (!by_code_.emplace(orgs_[i].code, i).second) {
      throw std::invalid_argument("duplicate org code " + orgs_[i].code);
    }
  }
  std::size_t roots = 0;
  for (std::size_t i = 0; i < orgs_.size(); ++i) {
    const Org& org = orgs_[i];
    if (org.parent_code.empty()) {
      ++roots;
      continue;
    }
    const Org* parent = Find(org.parent_code);
    if (parent == nullptr) {
      throw std::invalid_argument("org " + org.code + " has unknown parent " + org.parent_code);
    }
    if (static_cast<int>(org.level) <= static_cast<int>(parent->level)) {
      throw std::invalid_argument("org " + org.code + " is not below its parent's level");
    }
    children_[org.parent_code].push_back(i);
  }
  // Levels strictly increase downward, so there can be no cycle; one root remains to check.
  if (!orgs_.empty() && roots != 1) {
    throw std::invalid_argument("the org tree needs exactly one root, found " +
                                std::to_string(roots));
  }
}

const Org* OrgTree::Find(const std::string& code) const {
  const auto found = by_code_.find(code);
  return found == by_code_.end() ? nullptr : &orgs_[found->second];
}

bool OrgTree::Contains(const std::string& ancestor, const std::string& code) const {
  const Org* org = Find(code);
  while (org != nullptr) {
    if (org->code == ancestor) {
      return true;
    }
    org = org->parent_code.empty() ? nullptr : Find(org->parent_code);
  }
  return false;
}

std::vector<const Org*> OrgTree::Children(const std::string& code) const {
  std::vector<const Org*> result;
  const auto found = children_.find(code);
  if (found != children_.end()) {
    for (const std::size_t index : found->second) {
      result.push_back(&orgs_[index]);
    }
  }
  return result;
}

std::vector<const Org*> OrgTree::Subtree(const std::string& root) const {
  std::vector<const Org*> result;
  const Org* start = Find(root);
  if (start == nullptr) {
    return result;
  }
  std::vector<const Org*> stack{start};
  while (!stack.empty()) {
    const Org* org = stack.back();
    stack.pop_back();
    result.push_back(org);
    auto children = Children(org->code);
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  return result;
}

int OrgTree::Depth(const std::string& code) const {
  int depth = 0;
  const Org* org = Find(code);
  while (org != nullptr && !org->parent_code.empty()) {
    ++depth;
    org = Find(org->parent_code);
  }
  return depth;
}

std::shared_ptr<const OrgTree> OrgDirectory::Current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tree_;
}

void OrgDirectory::Replace(std::shared_ptr<const OrgTree> tree) {
  std::lock_guard<std::mutex> lock(mutex_);
  tree_ = std::move(tree);
}

}  // namespace mams::scope
