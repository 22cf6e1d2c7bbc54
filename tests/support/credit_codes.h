#pragma once

// Valid unified social credit codes (GB 32100-2015) for tests that create many customers.
#include <string>

#include "modules/accounts/customers/credit_code.h"

namespace mams::testing {

/// A valid code for number `n` registered in `division` (six digits, e.g. "440100").
inline std::string CreditCodeFor(int n, const std::string& division = "440100") {
  const std::string digits = std::to_string(n % 1000000000);
  const std::string body = "91" + division + std::string(9 - digits.size(), '0') + digits;
  return body + accounts::CreditCodeCheckCharacter(body);
}

}  // namespace mams::testing
