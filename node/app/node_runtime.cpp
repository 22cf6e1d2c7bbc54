#include "node/app/node_runtime.h"

#include <Poco/File.h>
#include <Poco/Logger.h>

#include <random>

#include "node/app/module_host.h"
#include "node/app/module_list.h"
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
#include "node/module/job_scheduler.h"
#include "node/scope/org_tree.h"
#include "node/storage/migrations.h"
#include "node/storage/storage.h"
#include "node/web/static_site.h"
#include "sync/change_capture.h"
#include "sync/sync_catalog.h"
#include "sync/sync_leadership.h"

namespace mams::app {
namespace {

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

class NodeRuntime::Process final : public module::NodeProcess {
 public:
  explicit Process(const NodeRuntime& runtime) : runtime_(runtime) {}
  bool leader() const override {
    return runtime_.leadership_ != nullptr && runtime_.leadership_->leader();
  }
  std::string role() const override {
    return runtime_.leadership_ ? runtime_.leadership_->role() : std::string("single");
  }
  std::uint16_t http_port() const override { return runtime_.http_port(); }
  const metrics::Metrics* metrics() const override { return runtime_.metrics_.get(); }

 private:
  const NodeRuntime& runtime_;
};

NodeRuntime::NodeRuntime(config::NodeConfig config)
    : NodeRuntime(std::move(config), AllModules()) {}

NodeRuntime::NodeRuntime(config::NodeConfig config, std::vector<module::Module> modules)
    : NodeRuntime(std::move(config), std::move(modules), std::make_shared<SystemClock>()) {}

NodeRuntime::NodeRuntime(config::NodeConfig config, std::vector<module::Module> modules,
                         std::shared_ptr<const Clock> clock)
    : config_(std::move(config)),
      available_(std::move(modules)),
      clock_(std::move(clock)),
      process_(std::make_unique<Process>(*this)) {}

NodeRuntime::~NodeRuntime() { Stop(); }

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

// Each module's tables are checked on their own first, so that a message names the module;
// the catalog lists them in the order of the binary's module list, which loading them in
// dependency order does not change.
void NodeRuntime::OpenSyncCatalog() {
  std::vector<module::SyncTableDecl> sync_tables;
  for (const auto* module : host_->modules()) {
    try {
      sync::SyncCatalog::Load(*storage_, module->sync_tables);
    } catch (const StartupError& e) {
      throw StartupError("module '" + module->name + "' declares a sync table: " + e.what());
    }
  }
  for (const auto& available : available_) {
    for (const auto* module : host_->modules()) {
      if (module->name == available.name) {
        sync_tables.insert(sync_tables.end(), module->sync_tables.begin(),
                           module->sync_tables.end());
      }
    }
  }
  sync_catalog_ =
      std::make_shared<sync::SyncCatalog>(sync::SyncCatalog::Load(*storage_, sync_tables));
}

module::ModuleContext NodeRuntime::BaseContext() {
  static const std::string kNode = "node";
  static const config::SectionValues kNoSettings;
  static module::ModuleOutputs unused;
  return module::ModuleContext{config_,  *storage_, *orgs_,    Poco::Logger::get("mams.module"),
                               *clock_,  *audit_,   *authenticator_, permissions_,
                               kNode,    kNoSettings, host_->extensions(), unused,
                               *process_};
}

void NodeRuntime::Prepare() {
  Poco::Logger& log = Poco::Logger::get(logging::kNodeLogger);
  started_ = std::chrono::steady_clock::now();
  host_ = std::make_unique<ModuleHost>(config_, available_);
  for (const module::Module* module : host_->modules()) {
    errors_.Add(module->errors, module->name);
  }

  storage_ = storage::OpenStorage(config_.storage);
  log.information("storage: %s", storage_->Describe());

  std::vector<storage::ModuleMigrations> migrations;
  for (const auto* module : host_->modules()) {
    migrations.push_back({module->name, module->migrations});
  }
  for (const auto& step : storage::ApplyMigrations(*storage_, migrations)) {
    log.information("migration applied: %s v%d (%s)", step.module, step.version, step.description);
  }

  // Change capture for every declared sync table, before any module writes.
  OpenSyncCatalog();
  capture_ = std::make_shared<sync::ChangeCapture>(
      *storage_, config_.node.id, sync_catalog_->Names(),
      [clock = clock_] { return clock->NowMs(); }, config_.sync.has_value());
  storage_->SetWriteHooks(capture_.get());

  for (const auto* module : host_->modules()) {
    permissions_.insert(permissions_.end(), module->permissions.begin(),
                        module->permissions.end());
  }
  orgs_ = std::make_unique<scope::OrgDirectory>();
  router_ = std::make_unique<http::Router>();
  audit_ = std::make_unique<audit::AuditLog>(*clock_, config_.node.id);
  authenticator_ = std::make_unique<auth::AuthenticatorSlot>();
  // The sync module builds the links on these; change capture is the node's own.
  host_->extensions().services.Provide<sync::SyncCatalog>("node", sync_catalog_);
  host_->extensions().services.Provide<sync::ChangeCapture>("node", capture_);
  host_->StartAll(BaseContext(), *router_);
  CheckServedOrg();
}

int NodeRuntime::RunTask(const std::string& name, const std::vector<std::string>& args,
                         std::ostream& out) {
  if (!storage_) {
    Prepare();
  }
  return host_->RunTask(name, args, BaseContext(), out);
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
  // Leader-only work (the sync links, leader-only jobs) runs in one process of the node: this
  // one on SQLite, the elected one when several processes share a MySQL/MariaDB database.
  leadership_ = std::make_unique<sync::SyncLeadership>(config_, *storage_,
                                                       [this] { host_->RunLeaderHooks(); });
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
  scheduler_ = std::make_unique<module::JobScheduler>(
      host_->Jobs(), *clock_, [this] { return leadership_->leader(); }, std::random_device{}());
  scheduler_->Start();
  if (config_.http.redirect_port) {
    redirect_ = std::make_unique<http::RedirectServer>(
        config_.http.bind, *config_.http.redirect_port, server_->port());
    redirect_->Start();
  }
  host_->AddGauges(*metrics_);
  metrics_->AddGauge("mams_http_threads_busy", "HTTP workers answering a request.",
                     [this] { return server_->busy_threads(); });
  metrics_->AddGauge("mams_http_connections_queued", "Whole requests waiting for a worker.",
                     [this] { return server_->queued_connections(); });
  metrics_->AddGauge("mams_http_connections_open", "HTTP connections open, waiting or answered.",
                     [this] { return server_->open_connections(); });
  metrics_->AddGauge("mams_http_connections_refused_total",
                     "Connections answered 503: too many open or too many requests waiting.",
                     [this] { return static_cast<double>(server_->refused_connections()); });
  scheduler_->AddGauges(*metrics_);
  log.information("node %s (%s, org %s) serving http%s://%s:%d/", config_.node.id,
                  std::string(scope::OrgLevelName(config_.node.level)), config_.node.org,
                  std::string(config_.http.tls ? "s" : ""), config_.http.bind,
                  static_cast<int>(server_->port()));
}

void NodeRuntime::Stop() {
  if (scheduler_) {
    scheduler_->Stop();
  }
  // No election may start the links while they stop; the lock goes only after they stopped.
  if (leadership_) {
    leadership_->StopElecting();
  }
  if (host_) {
    host_->RunStopHooks();
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
