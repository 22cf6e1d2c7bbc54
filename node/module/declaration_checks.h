#pragma once

#include <set>
#include <string>
#include <vector>

#include "node/module/module.h"

namespace mams::module {

/// Checks of the modules' declarations made at start, before anything is served. Each throws
/// StartupError with a message naming the module and the declaration at fault.

/// Every default role grant names one of `roles`, and no permission is declared twice.
void CheckPermissions(const std::vector<Module>& modules, const std::set<std::string>& roles);

/// Job and task names are unique within a module, and each has something to run.
void CheckJobsAndTasks(const std::string& module, const std::vector<JobDecl>& jobs,
                       const std::vector<TaskDecl>& tasks);

/// Routes of the node by the module that declared them; throws when two declare one
/// method and pattern.
class RouteLedger {
 public:
  void Add(const std::string& module, const http::Route& route);

 private:
  struct Declared {
    std::string module;
    std::string method;
    std::string pattern;
  };
  std::vector<Declared> declared_;
};

}  // namespace mams::module
