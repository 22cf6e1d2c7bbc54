#include "modules/monitoring/monitoring_module.h"

#include "node/auth/roles.h"
#include "node/storage/storage.h"

namespace mams::monitoring {

module::Module MakeModule() {
  module::Module module;
  module.name = "monitoring";
  module.description = "System monitoring: every node's status, reported up the hierarchy";
  module.migrations = {
      {1, "node_status: one row per node of the hierarchy, reported by the node itself",
       [](storage::Session& session) {
         session.ExecuteRaw(
             "CREATE TABLE IF NOT EXISTS node_status ("
             " id VARCHAR(64) NOT NULL PRIMARY KEY, level VARCHAR(16) NOT NULL,"
             " mams_version VARCHAR(32) NOT NULL, protocol_version INTEGER NOT NULL,"
             " process_role VARCHAR(16) NOT NULL, started_at VARCHAR(32) NOT NULL,"
             " reported_at VARCHAR(32) NOT NULL, storage_backend VARCHAR(16) NOT NULL,"
             " storage_bytes BIGINT NOT NULL, disk_free_bytes BIGINT NOT NULL,"
             " disk_total_bytes BIGINT NOT NULL, requests_total BIGINT NOT NULL,"
             " server_errors BIGINT NOT NULL, p99_ms DOUBLE PRECISION NOT NULL,"
             " problems_logged BIGINT NOT NULL, links_total INTEGER NOT NULL,"
             " links_connected INTEGER NOT NULL, sync_pending BIGINT NOT NULL,"
             " sync_problem VARCHAR(500) NOT NULL DEFAULT '',"
             " org_code VARCHAR(32) NOT NULL, owner_node VARCHAR(64) NOT NULL,"
             " version BIGINT NOT NULL, version_node VARCHAR(64) NOT NULL,"
             " base_version BIGINT NOT NULL DEFAULT 0, updated_at VARCHAR(32) NOT NULL,"
             " deleted INTEGER NOT NULL DEFAULT 0)" +
             session.dialect().TableOptions());
         session.ExecuteRaw("CREATE INDEX idx_node_status_sync_version ON node_status (version)");
       }},
  };
  module.permissions = {
      {"system:monitor",
       "See the status of this node and of the nodes below it",
       {auth::kSystemAdmin, auth::kGroupAdmin, auth::kGroupAnalyst, auth::kProvinceManager}}};
  module.sync_tables = {{"node_status", module::SyncDirection::kUp}};
  module.start = [](module::ModuleContext&) { return std::vector<http::Route>{}; };
  return module;
}

}  // namespace mams::monitoring
