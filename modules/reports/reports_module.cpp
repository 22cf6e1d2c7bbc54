#include "modules/reports/reports_module.h"

#include "modules/reports/report_routes.h"
#include "modules/reports/reports_errors.h"
#include "node/auth/roles.h"

namespace mams::reports {

module::Module MakeModule() {
  using namespace auth;  // role codes
  module::Module module;
  module.name = "reports";
  module.description = "Reports over the datasets modules declare: tables, CSV and XLSX";
  module.permissions = {{kReportsRead,
                         "Use reports (each dataset needs its own read permission as well)",
                         {kGroupAdmin, kGroupAnalyst, kProvinceManager, kAccountManager,
                          kLocalStaff}}};
  module.errors = ReportsErrorMessages();
  module.start = [](module::ModuleContext& context) {
    // Datasets are read per request: a module started after this one adds its own too.
    return ReportRoutes(context.extensions, context.storage, context.audit);
  };
  return module;
}

}  // namespace mams::reports
