#include "node/app/module_list.h"

#include "modules/orgs/orgs_module.h"

namespace mams::app {

std::vector<module::Module> AllModules() {
  std::vector<module::Module> modules;
  modules.push_back(orgs::MakeModule());
  return modules;
}

}  // namespace mams::app
