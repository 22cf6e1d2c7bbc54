#pragma once

#include "node/module/module.h"

namespace mams::sync {

/// The sync layer as a module: its tables and permissions. Change capture itself is
/// installed on the storage by the node runtime (it needs every module's sync tables).
module::Module MakeModule();

}  // namespace mams::sync
