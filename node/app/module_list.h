#pragma once

#include <vector>

#include "node/module/module.h"

namespace mams::app {

/// Every module this binary has. The config's `modules` list selects from these (all when it
/// is absent); the modules they depend on load with them, and they start in dependency
/// order (node/module/module_graph.h). This order is the order of the sync catalog.
std::vector<module::Module> AllModules();

}  // namespace mams::app
