#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "node/common/platform_fwd.h"
#include "node/module/job_scheduler.h"
#include "node/module/module.h"

namespace mams::app {

/// The modules a node loads, with what each declared and added while starting. Every check of
/// the declarations happens here, before anything is served (node/module/declaration_checks.h).
class ModuleHost {
 public:
  /// Selects and orders the modules (config `modules:` plus dependencies), reads and checks
  /// every configuration section of the file against the modules of `available`, checks
  /// permissions and tasks. Throws StartupError naming the module and declaration at fault.
  ModuleHost(const config::NodeConfig& config, const std::vector<module::Module>& available);
  ~ModuleHost();
  ModuleHost(const ModuleHost&) = delete;
  ModuleHost& operator=(const ModuleHost&) = delete;

  /// In start order.
  std::vector<const module::Module*> modules() const;

  /// Starts every module in order with `base` (its module, settings and outputs are filled
  /// per module) and adds their routes to `router`. A route declared twice stops the node.
  void StartAll(const module::ModuleContext& base, http::Router& router);

  /// Every job the modules added, for the scheduler.
  std::vector<module::JobScheduler::Entry> Jobs() const;
  void AddGauges(metrics::Metrics& metrics) const;
  void RunLeaderHooks() const;
  /// Modules in reverse start order; each hook runs once.
  void RunStopHooks();

  /// Runs `<module>:<task>`; the modules must have started. Throws StartupError for an
  /// unknown task.
  int RunTask(const std::string& name, const std::vector<std::string>& args,
              const module::ModuleContext& node, std::ostream& out) const;

  /// Module extensions, read by modules while they answer requests.
  module::Extensions& extensions() { return *extensions_; }

 private:
  struct Loaded;
  std::vector<std::unique_ptr<Loaded>> loaded_;
  std::unique_ptr<module::Extensions> extensions_;
};

/// `mams-node --describe-config`: every module's configuration section with its keys' types,
/// defaults and descriptions, as YAML a reader may copy.
std::string DescribeModuleConfig(const std::vector<module::Module>& modules);

/// `mams-node --list-tasks`: every command-line task, one per line.
std::string ListModuleTasks(const std::vector<module::Module>& modules);

}  // namespace mams::app
