#include "sync/sync_module.h"

#include "node/auth/roles.h"
#include "sync/change_capture.h"
#include "sync/sync_catalog.h"
#include "sync/sync_routes.h"
#include "sync/sync_schema.h"
#include "sync/sync_service.h"

namespace mams::sync {
namespace {

// Per sync link, from the sync thread's latest snapshot.
std::vector<module::GaugeDecl> LinkGauges(std::shared_ptr<const SyncService> service) {
  std::vector<module::GaugeDecl> gauges;
  const auto family = [&](const char* name, const char* help, double (*value)(const LinkStatus&)) {
    module::GaugeDecl gauge;
    gauge.name = name;
    gauge.help = help;
    gauge.label = "peer";
    gauge.read_labelled = [service, value] {
      std::vector<std::pair<std::string, double>> values;
      for (const auto& link : service->Links()) {
        values.emplace_back(link.peer, value(link));
      }
      return values;
    };
    gauges.push_back(std::move(gauge));
  };
  family("mams_sync_link_connected", "1 when the sync link's peer was heard from lately.",
         [](const LinkStatus& l) { return l.connected ? 1.0 : 0.0; });
  family("mams_sync_link_pending", "Outbox changes not yet acknowledged by the peer.",
         [](const LinkStatus& l) { return static_cast<double>(l.pending); });
  family("mams_sync_link_acked_cursor", "Last outbox position the peer acknowledged.",
         [](const LinkStatus& l) { return static_cast<double>(l.acked_cursor); });
  family("mams_sync_link_batches_sent_total", "Batches sent on the link.",
         [](const LinkStatus& l) { return static_cast<double>(l.batches_sent); });
  family("mams_sync_link_batches_received_total", "Batches received and committed.",
         [](const LinkStatus& l) { return static_cast<double>(l.batches_received); });
  family("mams_sync_link_conflicts_total", "Conflicts detected applying the peer's changes.",
         [](const LinkStatus& l) { return static_cast<double>(l.conflicts); });
  family("mams_sync_link_quarantined_total", "Changes from the peer set aside.",
         [](const LinkStatus& l) { return static_cast<double>(l.quarantined); });
  return gauges;
}

}  // namespace

module::Module MakeModule() {
  module::Module module;
  module.name = "sync";
  module.description = "Sync layer: change outbox, links to parent and children";
  module.depends_on = {"orgs", "audit", "identity"};
  module.migrations = SyncMigrations();
  module.permissions = {
      {"sync:read",
       "See sync links, lag, conflicts and quarantined changes",
       {auth::kGroupAdmin, auth::kSystemAdmin}},
      {"sync:admin", "Pause and resume sync links, request a resync", {auth::kSystemAdmin}},
  };
  module.sync_tables = {{"sync_conflicts", module::SyncDirection::kUp}};
  module.start = [](module::ModuleContext& context) {
    // The node captures changes of every sync table; the links are this module's.
    const auto catalog = context.extensions.services.Find<SyncCatalog>();
    const auto capture = context.extensions.services.Find<ChangeCapture>();
    auto service = std::make_shared<SyncService>(context.config, context.storage, *catalog,
                                                 *capture, context.orgs, context.clock,
                                                 context.audit);
    context.extensions.services.Provide<LinkDirectory>(context.module, service);
    context.outputs.on_leader.push_back([service] { service->Start(); });
    context.outputs.on_stop.push_back([service] { service->Stop(); });
    context.outputs.gauges = LinkGauges(service);
    return SyncRoutes(*service, context.storage, *catalog, context.audit, context.config.node.org);
  };
  return module;
}

}  // namespace mams::sync
