#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "node/scope/org_level.h"

namespace mams::scope {

struct Org {
  std::string id;
  std::string code;
  std::string name;      ///< Chinese name, e.g. 广东省
  std::string name_en;
  OrgLevel level = OrgLevel::kGroup;
  std::string parent_code;  ///< empty for the root
  int sort_order = 0;
};

/// The organisation hierarchy as an immutable value: group → provinces → local networks.
/// Data scope everywhere is "this org and everything below it", answered here. Pure logic,
/// no storage; build it from rows, then share it read-only between threads.
class OrgTree {
 public:
  /// Rejects (std::invalid_argument) duplicate codes, unknown parents, cycles, more than one
  /// root, and a child whose level is not below its parent's.
  explicit OrgTree(std::vector<Org> orgs);

  const Org* Find(const std::string& code) const;
  /// True when `code` is `ancestor` itself or lies below it.
  bool Contains(const std::string& ancestor, const std::string& code) const;
  /// `root` and its descendants, depth-first, siblings by sort order then code.
  std::vector<const Org*> Subtree(const std::string& root) const;
  std::vector<const Org*> Children(const std::string& code) const;
  /// Number of levels between the tree's root and `code` (root = 0).
  int Depth(const std::string& code) const;
  std::size_t size() const { return orgs_.size(); }

 private:
  std::vector<Org> orgs_;
  std::unordered_map<std::string, std::size_t> by_code_;
  std::unordered_map<std::string, std::vector<std::size_t>> children_;
};

/// The node's current tree, replaced as a whole when orgs change (sync, admin edits).
/// Readers take a snapshot and keep using it. Thread-safe.
class OrgDirectory {
 public:
  std::shared_ptr<const OrgTree> Current() const;
  void Replace(std::shared_ptr<const OrgTree> tree);

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const OrgTree> tree_;
};

}  // namespace mams::scope
