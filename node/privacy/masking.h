#pragma once

#include <string>
#include <string_view>

namespace mams::privacy {

/// Permission that lets a caller see personal data unmasked; each unmasked read is audited.
inline constexpr char kPiiView[] = "pii:view";

/// "13812345678" → "138****5678"; "+86 138-1234-5678" keeps its shape. Short values keep
/// only their last character.
std::string MaskPhone(std::string_view phone);
/// "zhang.san@example.com" → "z*******@example.com".
std::string MaskEmail(std::string_view email);
/// Resident ID "110101199003071234" → "110101********1234".
std::string MaskIdNumber(std::string_view id_number);

}  // namespace mams::privacy
