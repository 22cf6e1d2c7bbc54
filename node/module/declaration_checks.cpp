#include "node/module/declaration_checks.h"

#include <map>

#include "node/common/errors.h"

namespace mams::module {

void CheckPermissions(const std::vector<Module>& modules, const std::set<std::string>& roles) {
  std::string known;
  for (const auto& role : roles) {
    known += (known.empty() ? "" : ", ") + role;
  }
  std::map<std::string, std::string> declared_by;
  for (const auto& module : modules) {
    for (const auto& permission : module.permissions) {
      const auto [found, added] = declared_by.emplace(permission.name, module.name);
      if (!added) {
        throw StartupError("module '" + module.name + "' declares permission '" +
                           permission.name + "', which module '" + found->second +
                           "' already declares");
      }
      for (const auto& role : permission.default_roles) {
        if (roles.count(role) == 0) {
          throw StartupError("module '" + module.name + "' grants permission '" +
                             permission.name + "' to role '" + role +
                             "', which is not a role of this mams-node (" + known + ")");
        }
      }
    }
  }
}

void CheckJobsAndTasks(const std::string& module, const std::vector<JobDecl>& jobs,
                       const std::vector<TaskDecl>& tasks) {
  std::set<std::string> names;
  for (const auto& job : jobs) {
    if (job.name.empty() || !job.run || !names.insert(job.name).second) {
      throw StartupError("module '" + module + "' adds job '" + job.name +
                         "' without a name, without `run` or twice");
    }
    const JobSchedule& when = job.schedule;
    const bool bad_every = when.kind == JobSchedule::Kind::kEvery && when.interval.count() <= 0;
    const bool bad_time = when.kind != JobSchedule::Kind::kEvery &&
                          (when.hour < 0 || when.hour > 23 || when.minute < 0 || when.minute > 59);
    if (bad_every || bad_time || when.jitter.count() < 0) {
      throw StartupError("module '" + module + "' adds job '" + job.name +
                         "' with an unusable schedule (an interval above 0, hours 0-23, "
                         "minutes 0-59, jitter not negative)");
    }
  }
  names.clear();
  for (const auto& task : tasks) {
    if (task.name.empty() || !task.run || !names.insert(task.name).second) {
      throw StartupError("module '" + module + "' declares task '" + task.name +
                         "' without a name, without `run` or twice");
    }
  }
}

void RouteLedger::Add(const std::string& module, const http::Route& route) {
  for (const auto& earlier : declared_) {
    if (earlier.method == route.method && earlier.pattern == route.pattern) {
      throw StartupError("module '" + module + "' declares route " + route.method + " " +
                         route.pattern + ", which module '" + earlier.module +
                         "' already declares");
    }
  }
  declared_.push_back({module, route.method, route.pattern});
}

}  // namespace mams::module
