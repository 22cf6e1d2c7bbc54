#include "modules/accounts/common/reference_data.h"

#include "node/common/enum_names.h"

namespace mams::accounts {
namespace {

constexpr EnumName<ManagementLevel> kManagementLevels[] = {
    {ManagementLevel::kGroup, "group"},
    {ManagementLevel::kProvince, "province"},
    {ManagementLevel::kLocal, "local"},
};

constexpr EnumName<RelationshipGrade> kRelationshipGrades[] = {
    {RelationshipGrade::kPartner, "partner"},
    {RelationshipGrade::kFunctional, "functional"},
    {RelationshipGrade::kEmotional, "emotional"},
    {RelationshipGrade::kDrifting, "drifting"},
};

}  // namespace

const std::vector<IndustrySection>& IndustrySections() {
  static const std::vector<IndustrySection> kSections = {
      {'A', "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"},
      {'B', "采矿业", "Mining"},
      {'C', "制造业", "Manufacturing"},
      {'D', "电力、热力、燃气及水生产和供应业",
       "Production and supply of electricity, heat, gas and water"},
      {'E', "建筑业", "Construction"},
      {'F', "批发和零售业", "Wholesale and retail trades"},
      {'G', "交通运输、仓储和邮政业", "Transport, storage and post"},
      {'H', "住宿和餐饮业", "Accommodation and catering"},
      {'I', "信息传输、软件和信息技术服务业",
       "Information transmission, software and information technology services"},
      {'J', "金融业", "Finance"},
      {'K', "房地产业", "Real estate"},
      {'L', "租赁和商务服务业", "Leasing and business services"},
      {'M', "科学研究和技术服务业", "Scientific research and technical services"},
      {'N', "水利、环境和公共设施管理业",
       "Management of water conservancy, environment and public facilities"},
      {'O', "居民服务、修理和其他服务业", "Resident, repair and other services"},
      {'P', "教育", "Education"},
      {'Q', "卫生和社会工作", "Health and social work"},
      {'R', "文化、体育和娱乐业", "Culture, sports and entertainment"},
      {'S', "公共管理、社会保障和社会组织",
       "Public administration, social security and social organisations"},
      {'T', "国际组织", "International organisations"},
  };
  return kSections;
}

const IndustrySection* FindIndustry(std::string_view code) {
  if (code.size() != 1) {
    return nullptr;
  }
  for (const auto& section : IndustrySections()) {
    if (section.code == code[0]) {
      return &section;
    }
  }
  return nullptr;
}

std::optional<ManagementLevel> ParseManagementLevel(std::string_view text) {
  return ParseEnum(kManagementLevels, text);
}

std::string_view ManagementLevelName(ManagementLevel level) {
  return NameOf(kManagementLevels, level);
}

std::optional<RelationshipGrade> ParseRelationshipGrade(std::string_view text) {
  return ParseEnum(kRelationshipGrades, text);
}

std::string_view RelationshipGradeName(RelationshipGrade grade) {
  return NameOf(kRelationshipGrades, grade);
}

}  // namespace mams::accounts
