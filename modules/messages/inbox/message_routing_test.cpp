#include "modules/messages/inbox/message_routing.h"

#include <gtest/gtest.h>

#include "node/scope/org_tree.h"

namespace mams::messages {
namespace {

scope::Org Make(const std::string& code, scope::OrgLevel level, const std::string& parent) {
  scope::Org org;
  org.id = code;
  org.code = code;
  org.name = code;
  org.level = level;
  org.parent_code = parent;
  return org;
}

scope::OrgTree Tree() {
  using scope::OrgLevel;
  return scope::OrgTree({Make("CN", OrgLevel::kGroup, ""), Make("440000", OrgLevel::kProvince, "CN"),
                         Make("440100", OrgLevel::kLocal, "440000"),
                         Make("440300", OrgLevel::kLocal, "440000"),
                         Make("110000", OrgLevel::kProvince, "CN")});
}

TEST(MessageRouting, ARecipientBelowOrHereGetsTheRowUnderTheirOwnOrg) {
  EXPECT_EQ("440100", TravelOrg(Tree(), "440000", "440100"));
  EXPECT_EQ("440100", TravelOrg(Tree(), "CN", "440100"));
  EXPECT_EQ("440000", TravelOrg(Tree(), "440000", "440000"));
}

TEST(MessageRouting, ARecipientAboveGetsTheRowUnderThisNodesOrg) {
  EXPECT_EQ("440100", TravelOrg(Tree(), "440100", "440000"));
  EXPECT_EQ("440100", TravelOrg(Tree(), "440100", "CN"));
}

TEST(MessageRouting, AnotherBranchOrAnUnknownOrgIsUnreachable) {
  EXPECT_EQ(std::nullopt, TravelOrg(Tree(), "440100", "440300"));
  EXPECT_EQ(std::nullopt, TravelOrg(Tree(), "440000", "110000"));
  EXPECT_EQ(std::nullopt, TravelOrg(Tree(), "440000", "999999"));
}

}  // namespace
}  // namespace mams::messages
