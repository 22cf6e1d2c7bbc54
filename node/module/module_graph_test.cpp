#include "node/module/module_graph.h"

#include <gtest/gtest.h>

#include "node/common/errors.h"

namespace mams::module {
namespace {

Module Declared(const std::string& name, std::vector<std::string> depends_on = {},
                bool synced = false) {
  Module module;
  module.name = name;
  module.depends_on = std::move(depends_on);
  if (synced) {
    module.sync_tables = {{name + "_rows", SyncDirection::kUp}};
  }
  return module;
}

std::string Order(const std::vector<Module>& available, const std::vector<std::string>& wanted) {
  std::string order;
  for (const auto& module : SelectModules(available, wanted, "cfg.yaml:9:10: modules")) {
    order += (order.empty() ? "" : " ") + module.name;
  }
  return order;
}

std::string ErrorOf(const std::vector<Module>& available, const std::vector<std::string>& wanted) {
  try {
    Order(available, wanted);
  } catch (const StartupError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(ModuleGraph, DependenciesStartFirstAndTheListOrderIsKeptOtherwise) {
  const std::vector<Module> available = {
      Declared("orgs"), Declared("audit", {"orgs"}), Declared("identity", {"orgs", "audit"}),
      Declared("accounts", {"identity"}), Declared("monitoring", {"orgs", "sync"}),
      Declared("sync", {"orgs", "audit"})};
  EXPECT_EQ("orgs audit identity accounts sync monitoring", Order(available, {}));
  EXPECT_EQ("orgs audit identity accounts", Order(available, {"accounts"}));
  EXPECT_EQ("orgs audit sync monitoring", Order(available, {"monitoring"}));
  EXPECT_EQ("orgs", Order(available, {"orgs", "orgs"}));
}

TEST(ModuleGraph, AModuleWithSyncTablesLoadsTheSyncModule) {
  const std::vector<Module> available = {Declared("orgs", {}, true), Declared("accounts"),
                                         Declared("sync", {"orgs"})};
  EXPECT_EQ("orgs sync", Order(available, {"orgs"}));
  EXPECT_EQ("accounts", Order(available, {"accounts"}));
}

TEST(ModuleGraph, WrongDeclarationsNameTheModules) {
  const std::vector<std::pair<std::vector<Module>, std::string>> cases = {
      {{Declared("a", {"ghost"})}, "module 'a' depends on 'ghost', which this mams-node does not have"},
      {{Declared("a", {"b"}), Declared("b", {"a"})},
       "module 'b' depends on 'a', which depends on it in turn: a -> b -> a (a dependency cycle)"},
      {{Declared("a", {"a"})},
       "module 'a' depends on 'a', which depends on it in turn: a -> a (a dependency cycle)"},
      {{Declared("x"), Declared("a", {"b"}), Declared("b", {"c"}), Declared("c", {"a"})},
       "module 'c' depends on 'a', which depends on it in turn: a -> b -> c -> a (a dependency "
       "cycle)"},
      {{Declared("a"), Declared("a")}, "two modules are named 'a'"},
  };
  for (const auto& [available, message] : cases) {
    EXPECT_EQ(message, ErrorOf(available, {}));
  }
  EXPECT_EQ("cfg.yaml:9:10: modules: unknown module 'crystal_ball' (this mams-node has: a, b)",
            ErrorOf({Declared("a"), Declared("b")}, {"a", "crystal_ball"}));
}

}  // namespace
}  // namespace mams::module
