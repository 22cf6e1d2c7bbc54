#pragma once

#include <vector>

#include "node/common/error_catalogue.h"

namespace mams::reports {

/// The module's error codes and messages (reports_errors.yaml, compiled in).
const std::vector<ErrorMessage>& ReportsErrorMessages();

}  // namespace mams::reports
