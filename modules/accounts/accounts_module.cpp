#include "modules/accounts/accounts_module.h"

#include "modules/accounts/accounts_routes.h"
#include "modules/accounts/accounts_schema.h"
#include "modules/accounts/customer_service.h"
#include "modules/identity/role_catalog.h"
#include "node/config/node_config.h"

namespace mams::accounts {
namespace {

/// What the module keeps alive while the node runs.
struct AccountsRuntime {
  explicit AccountsRuntime(AccountsContext context_in)
      : context(std::move(context_in)), customers(context) {}
  AccountsContext context;
  CustomerService customers;
};

}  // namespace

module::Module MakeModule() {
  using namespace identity;  // role codes
  module::Module module;
  module.name = "accounts";
  module.description = "Major-account profiles: customers, contacts, visits, revenue, grading";
  module.migrations = AccountsMigrations();
  module.permissions = {
      {"customers:read", "See customer profiles in one's scope",
       {kGroupAdmin, kGroupAnalyst, kProvinceManager, kAccountManager, kLocalStaff}},
      {"customers:write", "Create, change, delete customers, contacts and visits",
       {kGroupAdmin, kProvinceManager, kAccountManager}},
      {"customers:export", "Export customer lists (CSV, XLSX)",
       {kGroupAdmin, kGroupAnalyst, kProvinceManager}},
  };
  module.sync_tables = {{"customers", module::SyncDirection::kUp},
                        {"customer_state_changes", module::SyncDirection::kUp},
                        {"contacts", module::SyncDirection::kUp},
                        {"visits", module::SyncDirection::kUp},
                        {"revenue_facts", module::SyncDirection::kUp},
                        {"grading_rules", module::SyncDirection::kReference}};
  module.start = [](module::ModuleContext& context) {
    auto runtime = std::make_shared<AccountsRuntime>(
        AccountsContext{context.storage, context.clock, context.audit, context.config.node.id});
    const std::shared_ptr<CustomerService> customers(runtime, &runtime->customers);
    std::vector<http::Route> routes = CustomerRoutes(customers);
    for (auto& route : Tmf629Routes(customers)) {
      routes.push_back(std::move(route));
    }
    return routes;
  };
  return module;
}

}  // namespace mams::accounts
