#include "modules/accounts/customers/company_name.h"

namespace mams::accounts {
namespace {

// Suffixes that make two registrations of one company look different.
const char* const kCompanySuffixes[] = {"股份有限公司", "有限责任公司", "有限公司",
                                        "分公司",       "集团",         "公司",
                                        "Co., Ltd.",    "Co.,Ltd.",     "Ltd."};

}  // namespace

std::string NormaliseCompanyName(const std::string& name) {
  std::string normal;
  for (const char c : name) {
    if (c != ' ' && c != '\t') {
      normal.push_back(c);
    }
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const char* suffix : kCompanySuffixes) {
      const std::string s(suffix);
      if (normal.size() > s.size() && normal.compare(normal.size() - s.size(), s.size(), s) == 0) {
        normal.erase(normal.size() - s.size());
        changed = true;
      }
    }
  }
  return normal;
}

}  // namespace mams::accounts
