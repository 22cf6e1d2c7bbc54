#pragma once

#include "node/module/module.h"

namespace mams::monitoring {

/// System monitoring (系统监控): the `node_status` table each node reports itself into every
/// 30 s and that the sync layer carries up, so a group sees every node of the hierarchy; and
/// the `system:monitor` permission of the status routes (node/app/status_routes.cpp).
module::Module MakeModule();

}  // namespace mams::monitoring
