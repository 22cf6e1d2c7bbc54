#include "node/scope/org_level.h"

namespace mams::scope {

std::string_view OrgLevelName(OrgLevel level) {
  switch (level) {
    case OrgLevel::kGroup:
      return "group";
    case OrgLevel::kProvince:
      return "province";
    case OrgLevel::kLocal:
      return "local";
  }
  return "unknown";
}

std::optional<OrgLevel> ParseOrgLevel(std::string_view name) {
  if (name == "group") {
    return OrgLevel::kGroup;
  }
  if (name == "province") {
    return OrgLevel::kProvince;
  }
  if (name == "local") {
    return OrgLevel::kLocal;
  }
  return std::nullopt;
}

}  // namespace mams::scope
