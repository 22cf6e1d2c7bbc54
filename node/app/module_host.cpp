#include "node/app/module_host.h"

#include <algorithm>
#include <ostream>
#include <set>
#include <sstream>

#include "modules/identity/role_catalog.h"
#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/http/router.h"
#include "node/metrics/metrics.h"
#include "node/module/declaration_checks.h"
#include "node/module/module_graph.h"

namespace mams::app {
namespace {

std::set<std::string> ShippedRoles() {
  std::set<std::string> roles;
  for (const auto& role : identity::BuiltinRoles()) {
    roles.insert(role.code);
  }
  return roles;
}

}  // namespace

struct ModuleHost::Loaded {
  module::Module module;
  config::SectionValues settings;
  module::ModuleOutputs outputs;
  bool stopped = false;
};

ModuleHost::ModuleHost(const config::NodeConfig& config,
                       const std::vector<module::Module>& available)
    : extensions_(std::make_unique<module::Extensions>()) {
  std::vector<module::Module> selected =
      module::SelectModules(available, config.modules, config.Where("modules"));
  std::vector<std::string> names;
  for (const auto& module : available) {
    names.push_back(module.name);
  }
  const auto unclaimed = config::UnclaimedSections(config, names);
  if (!unclaimed.empty()) {
    throw StartupError(unclaimed.front());
  }
  // Every section of the file is checked, also those of modules this node does not load.
  for (const auto& module : available) {
    config::ReadSection(config, module.name, module.config);
  }
  module::CheckPermissions(selected, ShippedRoles());
  for (auto& module : selected) {
    module::CheckJobsAndTasks(module.name, {}, module.tasks);
    auto loaded = std::make_unique<Loaded>();
    loaded->settings = config::ReadSection(config, module.name, module.config);
    loaded->module = std::move(module);
    loaded_.push_back(std::move(loaded));
  }
}

ModuleHost::~ModuleHost() = default;

std::vector<const module::Module*> ModuleHost::modules() const {
  std::vector<const module::Module*> modules;
  for (const auto& loaded : loaded_) {
    modules.push_back(&loaded->module);
  }
  return modules;
}

void ModuleHost::StartAll(const module::ModuleContext& base, http::Router& router) {
  module::RouteLedger ledger;
  for (const auto& route : router.routes()) {
    ledger.Add("node", route);
  }
  for (auto& loaded : loaded_) {
    module::ModuleContext context{base.config,     base.storage,       base.orgs,
                                  base.logger,     base.clock,         base.audit,
                                  base.authenticator, base.permissions, loaded->module.name,
                                  loaded->settings, *extensions_,      loaded->outputs,
                                  base.process};
    auto routes = loaded->module.start(context);
    module::CheckJobsAndTasks(loaded->module.name, loaded->outputs.jobs, {});
    for (auto& route : routes) {
      ledger.Add(loaded->module.name, route);
      router.Add(std::move(route));
    }
  }
}

std::vector<module::JobScheduler::Entry> ModuleHost::Jobs() const {
  std::vector<module::JobScheduler::Entry> jobs;
  for (const auto& loaded : loaded_) {
    for (const auto& job : loaded->outputs.jobs) {
      jobs.push_back({loaded->module.name, job});
    }
  }
  return jobs;
}

void ModuleHost::AddGauges(metrics::Metrics& metrics) const {
  for (const auto& loaded : loaded_) {
    for (const auto& gauge : loaded->outputs.gauges) {
      if (gauge.read_labelled) {
        metrics.AddGaugeFamily(gauge.name, gauge.help, gauge.label, gauge.read_labelled);
      } else {
        metrics.AddGauge(gauge.name, gauge.help, gauge.read);
      }
    }
  }
}

void ModuleHost::RunLeaderHooks() const {
  for (const auto& loaded : loaded_) {
    for (const auto& hook : loaded->outputs.on_leader) {
      hook();
    }
  }
}

void ModuleHost::RunStopHooks() {
  for (auto it = loaded_.rbegin(); it != loaded_.rend(); ++it) {
    if ((*it)->stopped) {
      continue;
    }
    (*it)->stopped = true;
    for (const auto& hook : (*it)->outputs.on_stop) {
      hook();
    }
  }
}

int ModuleHost::RunTask(const std::string& name, const std::vector<std::string>& args,
                        const module::ModuleContext& node, std::ostream& out) const {
  std::string known;
  for (const auto& loaded : loaded_) {
    for (const auto& task : loaded->module.tasks) {
      const std::string full = loaded->module.name + ":" + task.name;
      if (full == name) {
        module::TaskContext context{node.config,      node.storage, node.clock, node.audit,
                                    node.extensions, loaded->settings, args, out};
        return task.run(context);
      }
      known += (known.empty() ? "" : ", ") + full;
    }
  }
  throw StartupError("unknown task '" + name + "' (this node's modules have: " +
                     (known.empty() ? std::string("none") : known) + ")");
}

std::string DescribeModuleConfig(const std::vector<module::Module>& modules) {
  std::ostringstream out;
  out << "# Sections of the modules in the node's config file (mams-node --describe-config).\n"
         "# Every key is optional; shown with its default.\n";
  for (const auto& module : modules) {
    if (!module.config.empty()) {
      out << "\n# " << module.description << "\n" << config::DescribeSection(module.name, module.config);
    }
  }
  return out.str();
}

std::string ListModuleTasks(const std::vector<module::Module>& modules) {
  std::ostringstream out;
  for (const auto& module : modules) {
    for (const auto& task : module.tasks) {
      out << module.name << ":" << task.name << (task.usage.empty() ? "" : " " + task.usage)
          << "\n    " << task.description << "\n";
    }
  }
  return out.str();
}

}  // namespace mams::app
