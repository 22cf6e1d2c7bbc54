#include "node/scope/org_level.h"

#include "node/common/enum_names.h"

namespace mams::scope {
namespace {

constexpr EnumName<OrgLevel> kLevelNames[] = {
    {OrgLevel::kGroup, "group"},
    {OrgLevel::kProvince, "province"},
    {OrgLevel::kLocal, "local"},
};

}  // namespace

std::string_view OrgLevelName(OrgLevel level) { return NameOf(kLevelNames, level); }

std::optional<OrgLevel> ParseOrgLevel(std::string_view name) {
  return ParseEnum(kLevelNames, name);
}

}  // namespace mams::scope
