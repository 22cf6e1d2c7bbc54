#pragma once

#include <vector>

#include "node/common/error_catalogue.h"

namespace mams::accounts {

/// The Chinese and English messages of every error code the accounts module throws.
const std::vector<ErrorMessage>& AccountsErrorMessages();

}  // namespace mams::accounts
