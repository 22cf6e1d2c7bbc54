#include "modules/accounts/accounts_module.h"

#include "modules/accounts/accounts_errors.h"
#include "modules/accounts/accounts_routes.h"
#include "modules/accounts/accounts_schema.h"
#include "modules/accounts/contacts/contact_service.h"
#include "modules/accounts/customers/customer_service.h"
#include "modules/accounts/customers/timeline_kinds.h"
#include "modules/accounts/grading/grading_service.h"
#include "modules/accounts/imports/import_service.h"
#include "modules/accounts/search/accounts_search.h"
#include "node/auth/roles.h"
#include "node/config/node_config.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

/// What the module keeps alive while the node runs.
struct AccountsRuntime {
  AccountsRuntime(AccountsContext context_in, const scope::OrgDirectory& orgs)
      : context(std::move(context_in)),
        customers(context),
        contacts(context),
        imports(context, customers, orgs),
        grading(context) {}
  AccountsContext context;
  CustomerService customers;
  ContactService contacts;
  ImportService imports;
  GradingService grading;
};

template <typename T>
void Append(std::vector<T>* to, std::vector<T> more) {
  for (auto& item : more) {
    to->push_back(std::move(item));
  }
}

}  // namespace

module::Module MakeModule() {
  using namespace auth;  // role codes
  module::Module module;
  module.name = "accounts";
  module.description = "Major-account profiles: customers, contacts, visits, revenue, grading";
  // Customers belong to orgs, every change is audited, account managers are users, and the
  // search index finds customers and contacts.
  module.depends_on = {"orgs", "audit", "identity", "search"};
  module.migrations = AccountsMigrations();
  module.permissions = {
      {kCustomersRead, "See customer profiles in one's scope",
       {kGroupAdmin, kGroupAnalyst, kProvinceManager, kAccountManager, kLocalStaff}},
      {kCustomersWrite, "Create, change, delete customers, contacts and visits",
       {kGroupAdmin, kProvinceManager, kAccountManager}},
      {kCustomersExport, "Export customer lists (CSV, XLSX)",
       {kGroupAdmin, kGroupAnalyst, kProvinceManager}},
      {kGradingWrite, "Set value-grading thresholds for an org's subtree",
       {kGroupAdmin, kProvinceManager}},
  };
  module.errors = AccountsErrorMessages();
  module.sync_tables = {{"customers", module::SyncDirection::kUp},
                        {"customer_managers", module::SyncDirection::kUp},
                        {"customer_events", module::SyncDirection::kUp},
                        {"customer_state_changes", module::SyncDirection::kUp},
                        {"contacts", module::SyncDirection::kUp},
                        {"visits", module::SyncDirection::kUp},
                        {"revenue_facts", module::SyncDirection::kUp},
                        {"grading_rules", module::SyncDirection::kReference}};
  module.start = [](module::ModuleContext& context) {
    RefreshCustomerStatistics(*context.storage.Open());
    AddAccountsSearch(context);
    AddCustomerReports(context);
    auto runtime = std::make_shared<AccountsRuntime>(
        AccountsContext{context.storage, context.clock, context.audit, context.config.node.id,
                        context.orgs, context.config.http.list_count_bound},
        context.orgs);
    std::shared_ptr<CustomerService> customers(runtime, &runtime->customers);
    auto routes = CustomerRoutes(customers);
    std::shared_ptr<ContactService> contacts(runtime, &runtime->contacts);
    AddTimelineKinds(context.module, &context.extensions.timeline_kinds);
    Append(&routes, ContactRoutes(contacts, customers, context.extensions));
    Append(&routes, CustomerViewRoutes(runtime->context, context.extensions, customers, contacts,
                                       std::shared_ptr<GradingService>(runtime, &runtime->grading)));
    Append(&routes, ImportRoutes(std::shared_ptr<ImportService>(runtime, &runtime->imports)));
    return routes;
  };
  return module;
}

}  // namespace mams::accounts
