#include "sync/sync_module.h"

#include "node/auth/roles.h"
#include "sync/sync_schema.h"

namespace mams::sync {

module::Module MakeModule() {
  module::Module module;
  module.name = "sync";
  module.description = "Sync layer: change outbox, links to parent and children";
  module.migrations = SyncMigrations();
  module.permissions = {
      {"sync:read",
       "See sync links, lag, conflicts and quarantined changes",
       {auth::kGroupAdmin, auth::kSystemAdmin}},
      {"sync:admin", "Pause and resume sync links, request a resync", {auth::kSystemAdmin}},
  };
  module.sync_tables = {{"sync_conflicts", module::SyncDirection::kUp}};
  module.start = [](module::ModuleContext&) { return std::vector<http::Route>{}; };
  return module;
}

}  // namespace mams::sync
