#include "modules/orgs/org_seed.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace mams::orgs {
namespace {

TEST(OrgSeed, HasTheGroupAndThe31ProvincialDivisions) {
  const auto orgs = SeedOrgs();
  const scope::OrgTree tree(orgs);  // throws if inconsistent
  std::set<std::string> provinces;
  for (const auto& org : orgs) {
    if (org.level == scope::OrgLevel::kProvince) {
      provinces.insert(org.name);
      EXPECT_EQ(kGroupCode, org.parent_code);
      EXPECT_TRUE(std::regex_match(org.code, std::regex("[1-6][0-9]0000"))) << org.code;
    }
  }
  EXPECT_EQ(31u, provinces.size());
  for (const char* name : {"北京市", "广东省", "新疆维吾尔自治区", "西藏自治区", "重庆市"}) {
    EXPECT_EQ(1u, provinces.count(name)) << name;
  }
  EXPECT_EQ("集团总部", tree.Find(kGroupCode)->name);
}

TEST(OrgSeed, LocalNetworksSitUnderTheirProvinceByCode) {
  for (const auto& org : SeedOrgs()) {
    if (org.level != scope::OrgLevel::kLocal) {
      continue;
    }
    // GB/T 2260: a city's first two digits are its province's.
    EXPECT_EQ(org.code.substr(0, 2) + "0000", org.parent_code) << org.code;
    EXPECT_FALSE(org.id.empty());
  }
}

}  // namespace
}  // namespace mams::orgs
