#pragma once

#include "node/module/module.h"

namespace mams::monitoring {

/// System monitoring (系统监控): the `node_status` table each node reports itself into (a
/// leader-only job, every `monitoring.report_interval_s`) and that the sync layer carries up,
/// so a group sees every node of the hierarchy; the status routes (status_routes.cpp) and
/// their `system:monitor` permission.
module::Module MakeModule();

}  // namespace mams::monitoring
