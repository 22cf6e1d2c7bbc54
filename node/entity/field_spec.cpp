#include "node/entity/field_spec.h"

#include <algorithm>

#include "node/privacy/masking.h"

namespace mams::entity {
namespace {

constexpr std::size_t kDateLength = 10;  // YYYY-MM-DD
constexpr std::size_t kYearLength = 4;

}  // namespace

std::string ApplyMask(Mask mask, std::string_view text) {
  switch (mask) {
    case Mask::kPhone:
      return privacy::MaskPhone(text);
    case Mask::kEmail:
      return privacy::MaskEmail(text);
    case Mask::kIdNumber:
      return privacy::MaskIdNumber(text);
    case Mask::kBirthday:
      // Month and day stay visible: account managers send birthday greetings.
      return text.size() != kDateLength ? std::string(text)
                                        : "****" + std::string(text.substr(kYearLength));
    case Mask::kNone:
      break;
  }
  return std::string(text);
}

std::string JoinList(const std::vector<std::string>& items) {
  if (items.empty()) {
    return "";
  }
  std::string joined = ",";
  for (const auto& item : items) {
    joined += item + ",";
  }
  return joined;
}

std::vector<std::string> SplitList(std::string_view stored) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start < stored.size()) {
    const std::size_t end = std::min(stored.find(',', start), stored.size());
    if (end > start) {
      items.emplace_back(stored.substr(start, end - start));
    }
    start = end + 1;
  }
  return items;
}

}  // namespace mams::entity
