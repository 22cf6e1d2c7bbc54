#include "modules/calendars/calendars_module.h"

#include "modules/calendars/calendars_errors.h"
#include "modules/calendars/days/calendar_routes.h"
#include "modules/calendars/days/calendar_service.h"
#include "modules/calendars/days/calendar_store.h"
#include "node/auth/roles.h"
#include "node/config/node_config.h"

namespace mams::calendars {

module::Module MakeModule() {
  module::Module module;
  module.name = "calendars";
  module.description = "Working calendars: hours, holidays and make-up working days per level";
  module.depends_on = {"orgs"};
  module.migrations = {{1, "work_days and work_hours: each level's calendar, published down",
                        CalendarStore::CreateTables}};
  module.permissions = {
      {kCalendarsRead, "Read working calendars and compute due times",
       {auth::kSystemAdmin, auth::kGroupAdmin, auth::kGroupAnalyst, auth::kProvinceManager,
        auth::kAccountManager, auth::kLocalStaff, auth::kSecurityAuditor}},
      {kCalendarsAdmin, "Set this level's working hours, holidays and make-up working days",
       {auth::kSystemAdmin, auth::kGroupAdmin}}};
  module.sync_tables = {{"work_days", module::SyncDirection::kReference},
                        {"work_hours", module::SyncDirection::kReference}};
  module.errors = CalendarsErrorMessages();
  module.start = [](module::ModuleContext& context) {
    auto service = std::make_shared<CalendarService>(CalendarService::Sources{
        context.storage, context.orgs, context.clock, context.audit, context.config.node.id,
        context.config.node.org});
    context.extensions.services.Provide<WorkingTime>(context.module, service);
    return CalendarRoutes(service);
  };
  return module;
}

}  // namespace mams::calendars
