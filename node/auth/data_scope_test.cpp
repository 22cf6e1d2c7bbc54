#include "node/auth/data_scope.h"

#include <gtest/gtest.h>

#include "node/scope/org_tree.h"

namespace mams::auth {
namespace {

std::shared_ptr<const scope::OrgTree> Tree() {
  using scope::OrgLevel;
  auto make = [](const char* code, OrgLevel level, const char* parent) {
    scope::Org org;
    org.code = code;
    org.level = level;
    org.parent_code = parent;
    return org;
  };
  return std::make_shared<const scope::OrgTree>(std::vector<scope::Org>{
      make("CN", OrgLevel::kGroup, ""), make("GD", OrgLevel::kProvince, "CN"),
      make("BJ", OrgLevel::kProvince, "CN"), make("GZ", OrgLevel::kLocal, "GD"),
      make("SZ", OrgLevel::kLocal, "GD")});
}

TEST(DataScope, IsTheDeeperOfNodeAndUserRoots) {
  const DataScope group_user_on_province_node(Tree(), "GD", "CN");
  EXPECT_EQ("GD", group_user_on_province_node.root());
  EXPECT_FALSE(group_user_on_province_node.Allows("BJ"));
  const DataScope local_user_on_group_node(Tree(), "CN", "GZ");
  EXPECT_EQ("GZ", local_user_on_group_node.root());
  EXPECT_TRUE(local_user_on_group_node.Allows("GZ"));
  EXPECT_FALSE(local_user_on_group_node.Allows("SZ"));
  EXPECT_FALSE(local_user_on_group_node.Allows("GD"));
}

TEST(DataScope, DisjointScopeAllowsNothing) {
  const DataScope scope(Tree(), "BJ", "GZ");
  EXPECT_TRUE(scope.empty());
  EXPECT_FALSE(scope.Allows("GZ"));
  storage::SqlParams params;
  EXPECT_EQ("1 = 0", scope.SqlCondition("org_code", &params));
  EXPECT_TRUE(params.empty());
}

TEST(DataScope, NarrowingStaysInside) {
  const DataScope province(Tree(), "CN", "GD");
  EXPECT_EQ("GZ", province.Narrowed("GZ").root());
  EXPECT_EQ("GD", province.Narrowed("CN").root());  // above: the whole scope
  EXPECT_TRUE(province.Narrowed("BJ").empty());     // beside: nothing
}

TEST(DataScope, SqlConditionBindsEveryOrgCode) {
  const DataScope scope(Tree(), "CN", "GD");
  storage::SqlParams params;
  EXPECT_EQ("org_code IN (?, ?, ?)", scope.SqlCondition("org_code", &params));
  ASSERT_EQ(3u, params.size());
  EXPECT_EQ("GD", std::get<std::string>(params[0]));
}

TEST(DataScope, WholeTreeOnlyAtTheRoot) {
  EXPECT_TRUE(DataScope(Tree(), "CN", "CN").IsWholeTree());
  EXPECT_FALSE(DataScope(Tree(), "CN", "GD").IsWholeTree());
  EXPECT_FALSE(DataScope(Tree(), "GD", "CN").IsWholeTree());  // a province node's whole scope
  EXPECT_FALSE(DataScope(Tree(), "BJ", "GZ").IsWholeTree());  // empty
}

}  // namespace
}  // namespace mams::auth
