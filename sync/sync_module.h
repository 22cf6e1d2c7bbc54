#pragma once

#include "node/module/module.h"

namespace mams::sync {

/// The sync layer as a module: its tables and permissions, the node's links (a SyncService it
/// offers to the modules that depend on it, started in the leading process), their routes
/// and per-link gauges. Change capture itself is installed on the storage by the node runtime
/// (it needs every module's sync tables) and handed to this module with the catalog.
module::Module MakeModule();

}  // namespace mams::sync
