#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "node/common/platform_fwd.h"
#include "node/config/node_config.h"
#include "node/module/module.h"

namespace mams::http {
class HttpServer;
class RedirectServer;
}  // namespace mams::http
namespace mams::module {
class JobScheduler;
}
namespace mams::sync {
class ChangeCapture;
class SyncLeadership;
class SyncCatalog;
}  // namespace mams::sync

namespace mams::app {

class ModuleHost;

/// One running node: storage, migrations, modules, HTTP. Used by main() and by tests that
/// need a real node in-process. Start() throws StartupError with a message fit to print.
class NodeRuntime {
 public:
  /// `modules` defaults to every module the binary has (node/app/module_list.cpp).
  explicit NodeRuntime(config::NodeConfig config);
  NodeRuntime(config::NodeConfig config, std::vector<module::Module> modules);
  /// `clock` decides session expiry, lockouts and TOTP; tests pass a ManualClock.
  NodeRuntime(config::NodeConfig config, std::vector<module::Module> modules,
              std::shared_ptr<const Clock> clock);
  ~NodeRuntime();
  NodeRuntime(const NodeRuntime&) = delete;
  NodeRuntime& operator=(const NodeRuntime&) = delete;

  /// Checks the modules' declarations, opens storage, applies migrations and starts the
  /// modules, without serving HTTP: for command-line tasks such as creating the first
  /// administrator.
  void Prepare();
  /// Runs a module's command-line task `<module>:<task>` on the prepared node (Prepare()
  /// unless done) and returns its exit code. StartupError for an unknown task.
  int RunTask(const std::string& name, const std::vector<std::string>& args, std::ostream& out);
  /// Prepare() (unless done) and serve HTTP.
  void Start();
  void Stop();

  std::uint16_t http_port() const;
  /// The plain-HTTP redirect port (0 when not configured).
  std::uint16_t redirect_port() const;
  const config::NodeConfig& config() const { return config_; }
  storage::Storage& storage();
  const scope::OrgDirectory& orgs() const;
  const http::Router& router() const;
  const audit::AuditLog& audit() const;
  const Clock& clock() const;
  /// Every permission the loaded modules declare.
  const std::vector<module::PermissionDecl>& permissions() const { return permissions_; }

 private:
  class Process;
  void OpenSyncCatalog();
  void CheckServedOrg() const;
  module::ModuleContext BaseContext();

  config::NodeConfig config_;
  std::vector<module::Module> available_;
  std::shared_ptr<const Clock> clock_;
  std::chrono::steady_clock::time_point started_;
  std::vector<module::PermissionDecl> permissions_;
  ErrorCatalogue errors_;             ///< the node's codes and those of the loaded modules
  std::unique_ptr<Process> process_;  ///< what modules see of this process; outlives them
  std::shared_ptr<sync::SyncCatalog> sync_catalog_;
  std::shared_ptr<sync::ChangeCapture> capture_;  ///< outlives storage_, which points at it
  std::unique_ptr<storage::Storage> storage_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<auth::AuthenticatorSlot> authenticator_;
  std::unique_ptr<auth::RequestGuard> guard_;
  std::unique_ptr<scope::OrgDirectory> orgs_;
  /// The loaded modules, their extensions and what they added; goes before storage does.
  std::unique_ptr<ModuleHost> host_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<metrics::Metrics> metrics_;
  std::unique_ptr<web::StaticSite> site_;  ///< the web console; null without one
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<http::RedirectServer> redirect_;
  /// Runs the modules' leader hooks (e.g. the sync links) in the leading process.
  std::unique_ptr<sync::SyncLeadership> leadership_;
  std::unique_ptr<module::JobScheduler> scheduler_;  ///< the modules' jobs; stopped first
};

}  // namespace mams::app
