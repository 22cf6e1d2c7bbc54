#include "node/app/module_list.h"

#include "interfaces/tmf/tmf629/tmf629_module.h"
#include "modules/accounts/accounts_module.h"
#include "modules/audit/audit_module.h"
#include "modules/calendars/calendars_module.h"
#include "modules/identity/identity_module.h"
#include "modules/messages/messages_module.h"
#include "modules/monitoring/monitoring_module.h"
#include "modules/orgs/orgs_module.h"
#include "modules/reports/reports_module.h"
#include "modules/search/search_module.h"
#include "sync/sync_module.h"

namespace mams::app {

std::vector<module::Module> AllModules() {
  std::vector<module::Module> modules;
  modules.push_back(orgs::MakeModule());
  modules.push_back(audit_module::MakeModule());
  modules.push_back(identity::MakeModule());
  modules.push_back(messages::MakeModule());
  modules.push_back(calendars::MakeModule());
  modules.push_back(search::MakeModule());
  modules.push_back(reports::MakeModule());
  modules.push_back(accounts::MakeModule());
  // After accounts, whose customers it serves: its routes follow accounts' in the router.
  modules.push_back(tmf629::MakeModule());
  modules.push_back(monitoring::MakeModule());
  modules.push_back(sync::MakeModule());
  return modules;
}

}  // namespace mams::app
