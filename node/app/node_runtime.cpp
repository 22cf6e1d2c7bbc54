#include "node/app/node_runtime.h"

#include <Poco/File.h>
#include <Poco/Logger.h>

#include <algorithm>
#include <set>

#include "node/app/module_list.h"
#include "node/app/node_status.h"
#include "node/app/system_routes.h"
#include "node/audit/audit_log.h"
#include "node/auth/authenticator.h"
#include "node/auth/request_guard.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/http/http_server.h"
#include "node/http/redirect_server.h"
#include "node/http/router.h"
#include "node/logging/logging.h"
#include "node/metrics/metrics.h"
#include "node/scope/org_tree.h"
#include "node/storage/migrations.h"
#include "node/storage/storage.h"
#include "node/web/static_site.h"
#include "sync/change_capture.h"
#include "sync/sync_catalog.h"
#include "sync/sync_leadership.h"
#include "sync/sync_routes.h"
#include "sync/sync_service.h"

namespace mams::app {
namespace {

// Data scope needs the org tree, every write needs the audit log, every route needs identity,
// the status routes need monitoring's table.
const std::set<std::string> kRequiredModules = {"orgs", "audit", "identity", "monitoring", "sync"};

// Per sync link, from the sync thread's latest snapshot.
void AddSyncGauges(metrics::Metrics& metrics, const sync::SyncService& service) {
  const auto family = [&](const char* name, const char* help,
                          std::function<double(const sync::LinkStatus&)> value) {
    metrics.AddGaugeFamily(name, help, "peer", [&service, value] {
      metrics::Metrics::LabelledValues values;
      for (const auto& link : service.Links()) {
        values.emplace_back(link.peer, value(link));
      }
      return values;
    });
  };
  family("mams_sync_link_connected", "1 when the sync link's peer was heard from lately.",
         [](const sync::LinkStatus& l) { return l.connected ? 1.0 : 0.0; });
  family("mams_sync_link_pending", "Outbox changes not yet acknowledged by the peer.",
         [](const sync::LinkStatus& l) { return static_cast<double>(l.pending); });
  family("mams_sync_link_acked_cursor", "Last outbox position the peer acknowledged.",
         [](const sync::LinkStatus& l) { return static_cast<double>(l.acked_cursor); });
  family("mams_sync_link_batches_sent_total", "Batches sent on the link.",
         [](const sync::LinkStatus& l) { return static_cast<double>(l.batches_sent); });
  family("mams_sync_link_batches_received_total", "Batches received and committed.",
         [](const sync::LinkStatus& l) { return static_cast<double>(l.batches_received); });
  family("mams_sync_link_conflicts_total", "Conflicts detected applying the peer's changes.",
         [](const sync::LinkStatus& l) { return static_cast<double>(l.conflicts); });
  family("mams_sync_link_quarantined_total", "Changes from the peer set aside.",
         [](const sync::LinkStatus& l) { return static_cast<double>(l.quarantined); });
}

void AddPoolGauges(metrics::Metrics& metrics, storage::Storage& storage) {
  metrics.AddGauge("mams_storage_pool_size", "Configured maximum of database connections.",
                   [&storage] { return storage.Stats().size; });
  metrics.AddGauge("mams_storage_pool_open", "Database connections open.",
                   [&storage] { return storage.Stats().open; });
  metrics.AddGauge("mams_storage_pool_in_use", "Database connections borrowed right now.",
                   [&storage] { return storage.Stats().in_use; });
  metrics.AddGauge("mams_storage_pool_waits", "Borrows that waited for a free connection.",
                   [&storage] { return static_cast<double>(storage.Stats().waits); });
  metrics.AddGauge("mams_storage_pool_timeouts", "Borrows that gave up waiting.",
                   [&storage] { return static_cast<double>(storage.Stats().timeouts); });
}

}  // namespace

NodeRuntime::NodeRuntime(config::NodeConfig config)
    : NodeRuntime(std::move(config), AllModules()) {}

NodeRuntime::NodeRuntime(config::NodeConfig config, std::vector<module::Module> modules)
    : NodeRuntime(std::move(config), std::move(modules), std::make_shared<SystemClock>()) {}

NodeRuntime::NodeRuntime(config::NodeConfig config, std::vector<module::Module> modules,
                         std::shared_ptr<const Clock> clock)
    : config_(std::move(config)), available_(std::move(modules)), clock_(std::move(clock)) {}

NodeRuntime::~NodeRuntime() { Stop(); }

std::vector<module::Module> NodeRuntime::SelectModules() const {
  if (config_.modules.empty()) {
    return available_;
  }
  std::set<std::string> wanted(config_.modules.begin(), config_.modules.end());
  wanted.insert(kRequiredModules.begin(), kRequiredModules.end());
  std::vector<module::Module> selected;
  for (const auto& module : available_) {
    if (wanted.erase(module.name) > 0) {
      selected.push_back(module);
    }
  }
  if (!wanted.empty()) {
    std::string known;
    for (const auto& module : available_) {
      known += (known.empty() ? "" : ", ") + module.name;
    }
    throw StartupError(config_.Where("modules") + ": unknown module '" + *wanted.begin() +
                       "' (this mams-node has: " + known + ")");
  }
  return selected;
}

void NodeRuntime::CheckServedOrg() const {
  const auto tree = orgs_->Current();
  const scope::Org* org = tree ? tree->Find(config_.node.org) : nullptr;
  if (org == nullptr) {
    throw StartupError(config_.Where("node.org") + ": org '" + config_.node.org +
                       "' is not in the organisation tree (GET /api/v1/orgs on the group node "
                       "lists the codes)");
  }
  if (org->level != config_.node.level) {
    throw StartupError(config_.Where("node.level") + ": org '" + config_.node.org + "' (" +
                       org->name + ") is a " + std::string(scope::OrgLevelName(org->level)) +
                       "-level org, but the node is configured as " +
                       std::string(scope::OrgLevelName(config_.node.level)));
  }
}

void NodeRuntime::Prepare() {
  Poco::Logger& log = Poco::Logger::get(logging::kNodeLogger);
  started_ = std::chrono::steady_clock::now();
  const std::vector<module::Module> modules = SelectModules();
  for (const auto& module : modules) {
    errors_.Add(module.errors, module.name);
  }

  storage_ = storage::OpenStorage(config_.storage);
  log.information("storage: %s", storage_->Describe());

  std::vector<storage::ModuleMigrations> migrations;
  for (const auto& module : modules) {
    migrations.push_back({module.name, module.migrations});
  }
  for (const auto& step : storage::ApplyMigrations(*storage_, migrations)) {
    log.information("migration applied: %s v%d (%s)", step.module, step.version, step.description);
  }

  // Change capture for every declared sync table, before any module writes.
  std::vector<module::SyncTableDecl> sync_tables;
  for (const auto& module : modules) {
    sync_tables.insert(sync_tables.end(), module.sync_tables.begin(), module.sync_tables.end());
  }
  sync_catalog_ =
      std::make_unique<sync::SyncCatalog>(sync::SyncCatalog::Load(*storage_, sync_tables));
  capture_ = std::make_unique<sync::ChangeCapture>(
      *storage_, config_.node.id, sync_catalog_->Names(),
      [clock = clock_] { return clock->NowMs(); }, config_.sync.has_value());
  storage_->SetWriteHooks(capture_.get());

  for (const auto& module : modules) {
    permissions_.insert(permissions_.end(), module.permissions.begin(), module.permissions.end());
  }
  orgs_ = std::make_unique<scope::OrgDirectory>();
  router_ = std::make_unique<http::Router>();
  audit_ = std::make_unique<audit::AuditLog>(*clock_, config_.node.id);
  authenticator_ = std::make_unique<auth::AuthenticatorSlot>();
  module::ModuleContext context{
      config_, *storage_, *orgs_,          Poco::Logger::get("mams.module"),
      *clock_, *audit_,   *authenticator_, permissions_};
  for (const auto& module : modules) {
    for (auto& route : module.start(context)) {
      router_->Add(std::move(route));
    }
  }
  CheckServedOrg();
}

namespace {

// The console named by http.web_root must be there; the source tree's default is used only
// once it has been built (a node built without Node.js serves its API alone).
std::unique_ptr<web::StaticSite> LoadConsole(const config::HttpSection& http, Poco::Logger& log) {
  const std::string root = http.web_root.value_or(MAMS_DEFAULT_WEB_ROOT);
  if (root.empty()) {
    return nullptr;
  }
  if (!http.web_root && !Poco::File(root + "/index.html").exists()) {
    log.warning(
        "no web console: %s is not built (./deploy/setup.sh builds it); serving the API "
        "alone",
        root);
    return nullptr;
  }
  auto site = web::StaticSite::Load(root);
  log.information("web console: %z files from %s", site->file_count(), root);
  return site;
}

}  // namespace

void NodeRuntime::Start() {
  if (!storage_) {
    Prepare();
  }
  Poco::Logger& log = Poco::Logger::get(logging::kNodeLogger);
  sync_ = std::make_unique<sync::SyncService>(config_, *storage_, *sync_catalog_, *capture_, *orgs_,
                                              *clock_, *audit_);
  for (auto& route :
       sync::SyncRoutes(*sync_, *storage_, *sync_catalog_, *audit_, config_.node.org)) {
    router_->Add(std::move(route));
  }
  // The sync links run in one process of the node: this one on SQLite, the elected one when
  // several processes share a MySQL/MariaDB database (sync/sync_leadership.h).
  leadership_ =
      std::make_unique<sync::SyncLeadership>(config_, *storage_, [this] { sync_->Start(); });
  status_ = std::make_unique<NodeStatus>(NodeStatus::Sources{
      config_, *storage_, *sync_, *leadership_, [this] { return metrics_.get(); },
      [this] { return server_ ? server_->port() : std::uint16_t{0}; }});
  for (auto& route : status_->Routes()) {
    router_->Add(std::move(route));
  }
  site_ = LoadConsole(config_.http, log);
  for (auto& route : SystemRoutes(
           config_, *storage_, *router_, [this] { return metrics_.get(); }, site_ != nullptr)) {
    router_->Add(std::move(route));
  }

  std::vector<std::string> labels;
  for (const auto& route : router_->routes()) {
    labels.push_back(route.method + " " + route.pattern);
  }
  metrics_ = std::make_unique<metrics::Metrics>(std::move(labels));
  AddPoolGauges(*metrics_, *storage_);
  metrics_->AddGauge("mams_uptime_seconds", "Seconds since the node started.", [this] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  });

  guard_ = std::make_unique<auth::RequestGuard>(*authenticator_, *orgs_, config_.node.org, *audit_,
                                                *storage_);
  server_ = std::make_unique<http::HttpServer>(config_.http, *router_, *metrics_, guard_.get(),
                                               site_.get(), &errors_);
  leadership_->Start();
  metrics_->AddGauge("mams_sync_leader", "1 when this process runs the node's sync links.",
                     [this] { return leadership_->leader() ? 1.0 : 0.0; });
  server_->Start();
  status_->StartReporting();
  if (config_.http.redirect_port) {
    redirect_ = std::make_unique<http::RedirectServer>(
        config_.http.bind, *config_.http.redirect_port, server_->port());
    redirect_->Start();
  }
  AddSyncGauges(*metrics_, *sync_);
  metrics_->AddGauge("mams_http_threads_busy", "HTTP workers answering a request.",
                     [this] { return server_->busy_threads(); });
  metrics_->AddGauge("mams_http_connections_queued", "Whole requests waiting for a worker.",
                     [this] { return server_->queued_connections(); });
  metrics_->AddGauge("mams_http_connections_open", "HTTP connections open, waiting or answered.",
                     [this] { return server_->open_connections(); });
  metrics_->AddGauge("mams_http_connections_refused_total",
                     "Connections answered 503: too many open or too many requests waiting.",
                     [this] { return static_cast<double>(server_->refused_connections()); });
  log.information("node %s (%s, org %s) serving http%s://%s:%d/", config_.node.id,
                  std::string(scope::OrgLevelName(config_.node.level)), config_.node.org,
                  std::string(config_.http.tls ? "s" : ""), config_.http.bind,
                  static_cast<int>(server_->port()));
}

void NodeRuntime::Stop() {
  if (status_) {
    status_->Stop();
  }
  // No election may start the links while they stop; the lock goes only after they stopped.
  if (leadership_) {
    leadership_->StopElecting();
  }
  if (sync_) {
    sync_->Stop();
  }
  if (leadership_) {
    leadership_->Stop();
  }
  if (redirect_) {
    redirect_->Stop();
    redirect_.reset();
  }
  if (server_) {
    server_->Stop();
    server_.reset();
  }
}

std::uint16_t NodeRuntime::http_port() const { return server_ ? server_->port() : 0; }

std::uint16_t NodeRuntime::redirect_port() const { return redirect_ ? redirect_->port() : 0; }

storage::Storage& NodeRuntime::storage() { return *storage_; }

const scope::OrgDirectory& NodeRuntime::orgs() const { return *orgs_; }

const http::Router& NodeRuntime::router() const { return *router_; }

const audit::AuditLog& NodeRuntime::audit() const { return *audit_; }

const Clock& NodeRuntime::clock() const { return *clock_; }

}  // namespace mams::app
