#pragma once

#include <string>

namespace mams::accounts {

/// A name with the common company suffixes and spaces removed, for duplicate detection:
/// "广州市天河区某某科技有限公司" → "广州市天河区某某科技". Stored as customers.name_key.
std::string NormaliseCompanyName(const std::string& name);

}  // namespace mams::accounts
