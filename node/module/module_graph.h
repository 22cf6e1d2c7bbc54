#pragma once

#include <string>
#include <vector>

#include "node/module/module.h"

namespace mams::module {

/// The name of the module that carries synced tables between nodes; a module that declares
/// sync tables is loaded with it.
inline constexpr char kSyncModule[] = "sync";

/// The modules a node loads, in start order: those named in `wanted` (all of `available` when
/// it is empty), the modules they depend on, and sync when any of them declares sync tables.
/// A module comes after everything it depends on; otherwise `available`'s order is kept.
/// Throws StartupError naming the modules at fault: an unknown wanted name (`where` locates
/// the config's list, e.g. "node.yaml:12:10: modules"), a dependency this binary does not
/// have, a dependency cycle (named as a chain), two modules with one name.
std::vector<Module> SelectModules(const std::vector<Module>& available,
                                  const std::vector<std::string>& wanted,
                                  const std::string& where);

}  // namespace mams::module
