#include "node/module/declaration_checks.h"

#include <gtest/gtest.h>

#include "node/common/errors.h"

namespace mams::module {
namespace {

template <typename F>
std::string ErrorOf(F&& check) {
  try {
    check();
  } catch (const StartupError& e) {
    return e.what();
  }
  return "(accepted)";
}

Module WithPermission(const std::string& name, const std::string& permission,
                      std::vector<std::string> roles) {
  Module module;
  module.name = name;
  module.permissions = {{permission, "test", std::move(roles)}};
  return module;
}

TEST(DeclarationChecks, PermissionsGoToKnownRolesAndAreDeclaredOnce) {
  const std::set<std::string> roles = {"analyst", "manager"};
  const std::vector<std::pair<std::vector<Module>, std::string>> cases = {
      {{WithPermission("a", "a:read", {"analyst"}), WithPermission("b", "b:read", {"manager"})},
       "(accepted)"},
      {{WithPermission("a", "a:read", {"analyst", "janitor"})},
       "module 'a' grants permission 'a:read' to role 'janitor', which is not a role of this "
       "mams-node (analyst, manager)"},
      {{WithPermission("a", "x:read", {}), WithPermission("b", "x:read", {})},
       "module 'b' declares permission 'x:read', which module 'a' already declares"},
  };
  for (const auto& [modules, message] : cases) {
    const auto& declared = modules;  // a structured binding cannot be captured before C++20
    EXPECT_EQ(message, ErrorOf([&] { CheckPermissions(declared, roles); }));
  }
}

TEST(DeclarationChecks, JobsAndTasksNeedANameAScheduleAndSomethingToRun) {
  const auto job = [](const std::string& name, JobSchedule schedule, bool runs) {
    JobDecl decl;
    decl.name = name;
    decl.schedule = schedule;
    if (runs) {
      decl.run = [] {};
    }
    return decl;
  };
  const auto every = JobSchedule::Every(std::chrono::seconds(1));
  const std::vector<std::pair<std::vector<JobDecl>, std::string>> cases = {
      {{job("a", every, true), job("b", JobSchedule::Daily(23, 59), true)}, "(accepted)"},
      {{job("a", every, true), job("a", every, true)},
       "module 'm' adds job 'a' without a name, without `run` or twice"},
      {{job("a", every, false)}, "module 'm' adds job 'a' without a name, without `run` or twice"},
      {{job("a", JobSchedule::Every(std::chrono::seconds(0)), true)},
       "module 'm' adds job 'a' with an unusable schedule (an interval above 0, hours 0-23, "
       "minutes 0-59, jitter not negative)"},
      {{job("a", JobSchedule::Daily(24, 0), true)},
       "module 'm' adds job 'a' with an unusable schedule (an interval above 0, hours 0-23, "
       "minutes 0-59, jitter not negative)"},
  };
  for (const auto& [jobs, message] : cases) {
    const auto& declared = jobs;  // a structured binding cannot be captured before C++20
    EXPECT_EQ(message, ErrorOf([&] { CheckJobsAndTasks("m", declared, {}); }));
  }
  EXPECT_EQ("module 'm' declares task 'go' without a name, without `run` or twice",
            ErrorOf([] { CheckJobsAndTasks("m", {}, {{"go", "", "", nullptr}}); }));
}

TEST(DeclarationChecks, ARouteDeclaredByTwoModulesIsRefused) {
  const auto route = [](const std::string& method, const std::string& pattern) {
    return http::Route{method, pattern, "x:read", nullptr, ""};
  };
  RouteLedger ledger;
  ledger.Add("a", route("GET", "/api/v1/things"));
  ledger.Add("b", route("POST", "/api/v1/things"));
  ledger.Add("b", route("GET", "/api/v1/things/{id}"));
  EXPECT_EQ("module 'c' declares route GET /api/v1/things/{id}, which module 'b' already "
            "declares",
            ErrorOf([&] { ledger.Add("c", route("GET", "/api/v1/things/{id}")); }));
}

}  // namespace
}  // namespace mams::module
