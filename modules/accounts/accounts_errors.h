#pragma once

#include <vector>

#include "node/common/error_catalogue.h"

namespace mams::accounts {

/// The Chinese and English messages of every error code the accounts module throws, declared
/// in accounts_errors.yaml and compiled in by mams_error_table (CMakeLists.txt). Throws
/// StartupError on its first call when that file is malformed (see ErrorTable).
const std::vector<ErrorMessage>& AccountsErrorMessages();

}  // namespace mams::accounts
