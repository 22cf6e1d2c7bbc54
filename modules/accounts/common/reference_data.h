#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mams::accounts {

/// A section of GB/T 4754-2017 (国民经济行业分类), the industry of a customer.
struct IndustrySection {
  char code;             ///< 'A' .. 'T'
  const char* name;      ///< Chinese
  const char* name_en;
};

/// The twenty sections A–T, in the standard's order.
const std::vector<IndustrySection>& IndustrySections();
const IndustrySection* FindIndustry(std::string_view code);

/// Management level of a customer (大客户管理级别).
enum class ManagementLevel { kGroup, kProvince, kLocal };
std::optional<ManagementLevel> ParseManagementLevel(std::string_view text);
std::string_view ManagementLevelName(ManagementLevel level);

/// Relationship grade set by the account manager (seed 001).
enum class RelationshipGrade { kPartner, kFunctional, kEmotional, kDrifting };
std::optional<RelationshipGrade> ParseRelationshipGrade(std::string_view text);
std::string_view RelationshipGradeName(RelationshipGrade grade);

}  // namespace mams::accounts
