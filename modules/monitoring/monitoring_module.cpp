#include "modules/monitoring/monitoring_module.h"

#include "modules/monitoring/node_status.h"
#include "node/auth/roles.h"
#include "node/storage/storage.h"

namespace mams::monitoring {
namespace {

constexpr char kReportInterval[] = "report_interval_s";
/// The first report waits until the links have had time to connect.
constexpr std::chrono::seconds kFirstReportAfter(5);
/// A node that has not reported for three periods is shown as not reporting.
constexpr int kStalePeriods = 3;

}  // namespace

module::Module MakeModule() {
  module::Module module;
  module.name = "monitoring";
  module.description = "System monitoring: every node's status, reported up the hierarchy";
  module.depends_on = {"orgs", "identity", "sync"};
  module.config = {config::FieldDecl::Int(
      kReportInterval, 30, 5, 3600,
      "Seconds between the reports of this node's status into node_status, which sync "
      "carries up; a node silent for three intervals is listed as not reporting")};
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
  module.start = [](module::ModuleContext& context) {
    const auto status = std::make_shared<const NodeStatus>(NodeStatus::Sources{
        context.config, context.storage, context.extensions.services.Find<sync::LinkDirectory>(),
        context.process});
    const std::chrono::seconds interval(context.settings.Int(kReportInterval));
    module::JobDecl report;
    report.name = "report";
    report.description = "Writes this node's row of node_status (one row per node)";
    report.schedule = module::JobSchedule::Every(interval, std::chrono::seconds(0),
                                                 kFirstReportAfter);
    report.leader_only = true;  // a node scaled out to several processes is one row
    report.run = [status] { status->Report(); };
    context.outputs.jobs.push_back(std::move(report));
    return StatusRoutes(status, std::chrono::milliseconds(interval).count() * kStalePeriods);
  };
  return module;
}

}  // namespace mams::monitoring
