#pragma once

#include "node/module/module.h"

namespace mams::reports {

/// /api/v1/reports: the report datasets of every loaded module (extensions.report_datasets),
/// each behind its own permission and within the caller's data scope.
module::Module MakeModule();

}  // namespace mams::reports
