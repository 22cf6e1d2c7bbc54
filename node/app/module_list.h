#pragma once

#include <vector>

#include "node/module/module.h"

namespace mams::app {

/// Every module this binary has, in load order (a module's dependencies come first). The
/// config's `modules` list selects from these; `orgs` is always loaded because data scope
/// depends on the organisation tree.
std::vector<module::Module> AllModules();

}  // namespace mams::app
