#pragma once

#include "node/module/module.h"

namespace mams::orgs {

/// The organisation tree (group → provinces → local networks): table, seed, the node's
/// OrgDirectory and the read API. Every other module's data scope depends on it.
module::Module MakeModule();

}  // namespace mams::orgs
