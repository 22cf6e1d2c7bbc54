#include "node/scope/org_tree.h"

#include <gtest/gtest.h>

namespace mams::scope {
namespace {

Org Make(const std::string& code, OrgLevel level, const std::string& parent, int sort = 0) {
  Org org;
  org.code = code;
  org.name = code;
  org.level = level;
  org.parent_code = parent;
  org.sort_order = sort;
  return org;
}

OrgTree Sample() {
  return OrgTree({Make("CN", OrgLevel::kGroup, ""), Make("GD", OrgLevel::kProvince, "CN", 2),
                  Make("ZJ", OrgLevel::kProvince, "CN", 1), Make("GZ", OrgLevel::kLocal, "GD"),
                  Make("SZ", OrgLevel::kLocal, "GD"), Make("HZ", OrgLevel::kLocal, "ZJ")});
}

TEST(OrgTree, SubtreeIsDepthFirstInSortOrder) {
  const OrgTree tree = Sample();
  std::vector<std::string> codes;
  for (const Org* org : tree.Subtree("CN")) {
    codes.push_back(org->code);
  }
  EXPECT_EQ((std::vector<std::string>{"CN", "ZJ", "HZ", "GD", "GZ", "SZ"}), codes);
  EXPECT_EQ(3u, tree.Subtree("GD").size());
  EXPECT_TRUE(tree.Subtree("nope").empty());
}

TEST(OrgTree, ContainsIsTheDataScopeRule) {
  const OrgTree tree = Sample();
  EXPECT_TRUE(tree.Contains("CN", "GZ"));
  EXPECT_TRUE(tree.Contains("GD", "GD"));
  EXPECT_TRUE(tree.Contains("GD", "SZ"));
  EXPECT_FALSE(tree.Contains("GD", "HZ"));   // another province's local network
  EXPECT_FALSE(tree.Contains("GZ", "GD"));   // a parent is not inside its child
  EXPECT_FALSE(tree.Contains("GZ", "SZ"));   // nor a sibling
  EXPECT_FALSE(tree.Contains("CN", "unknown"));
  EXPECT_EQ(2, tree.Depth("SZ"));
}

TEST(OrgTree, RefusesInconsistentTrees) {
  EXPECT_THROW(OrgTree({Make("CN", OrgLevel::kGroup, ""), Make("CN", OrgLevel::kProvince, "CN")}),
               std::invalid_argument);
  EXPECT_THROW(OrgTree({Make("CN", OrgLevel::kGroup, ""), Make("GD", OrgLevel::kProvince, "XX")}),
               std::invalid_argument);
  EXPECT_THROW(OrgTree({Make("CN", OrgLevel::kGroup, ""), Make("GD", OrgLevel::kGroup, "CN")}),
               std::invalid_argument);
  EXPECT_THROW(OrgTree({Make("A", OrgLevel::kGroup, ""), Make("B", OrgLevel::kGroup, "")}),
               std::invalid_argument);
}

TEST(OrgDirectory, ReadersKeepTheirSnapshotWhenReplaced) {
  OrgDirectory directory;
  directory.Replace(std::make_shared<const OrgTree>(Sample()));
  const auto before = directory.Current();
  directory.Replace(std::make_shared<const OrgTree>(std::vector<Org>{Make("CN", OrgLevel::kGroup, "")}));
  EXPECT_EQ(6u, before->size());
  EXPECT_EQ(1u, directory.Current()->size());
}

}  // namespace
}  // namespace mams::scope
