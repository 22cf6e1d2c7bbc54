#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "node/config/node_config.h"
#include "node/module/module.h"

namespace mams {
class Clock;
}
namespace mams::audit {
class AuditLog;
}
namespace mams::auth {
class AuthenticatorSlot;
class RequestGuard;
}  // namespace mams::auth
namespace mams::http {
class HttpServer;
class RedirectServer;
class Router;
}  // namespace mams::http
namespace mams::metrics {
class Metrics;
}
namespace mams::scope {
class OrgDirectory;
}
namespace mams::storage {
class Storage;
}
namespace mams::web {
class StaticSite;
}
namespace mams::sync {
class ChangeCapture;
class SyncService;
class SyncLeadership;
class SyncCatalog;
}  // namespace mams::sync

namespace mams::app {

class NodeStatus;

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

  /// Opens storage, applies migrations and starts the modules, without serving HTTP: for
  /// command-line tasks such as creating the first administrator.
  void Prepare();
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
  std::vector<module::Module> SelectModules() const;
  void CheckServedOrg() const;

  config::NodeConfig config_;
  std::vector<module::Module> available_;
  std::shared_ptr<const Clock> clock_;
  std::chrono::steady_clock::time_point started_;
  std::vector<module::PermissionDecl> permissions_;
  ErrorCatalogue errors_;  ///< the node's codes and those of the loaded modules
  std::unique_ptr<sync::SyncCatalog> sync_catalog_;
  std::unique_ptr<sync::ChangeCapture> capture_;  ///< outlives storage_, which points at it
  std::unique_ptr<storage::Storage> storage_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<auth::AuthenticatorSlot> authenticator_;
  std::unique_ptr<auth::RequestGuard> guard_;
  std::unique_ptr<scope::OrgDirectory> orgs_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<metrics::Metrics> metrics_;
  std::unique_ptr<web::StaticSite> site_;  ///< the web console; null without one
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<http::RedirectServer> redirect_;
  std::unique_ptr<sync::SyncService> sync_;           ///< stopped before storage and capture go
  std::unique_ptr<sync::SyncLeadership> leadership_;  ///< starts sync_ in the leading process
  std::unique_ptr<NodeStatus> status_;                ///< reports this node; stopped first
};

}  // namespace mams::app
