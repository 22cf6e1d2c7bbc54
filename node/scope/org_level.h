#pragma once

#include <optional>
#include <string_view>

namespace mams::scope {

/// The three levels of the operator's organisation.
enum class OrgLevel { kGroup, kProvince, kLocal };

/// "group", "province", "local": the spelling used in config files and the API.
std::string_view OrgLevelName(OrgLevel level);
std::optional<OrgLevel> ParseOrgLevel(std::string_view name);

}  // namespace mams::scope
