#pragma once

#include <functional>
#include <string>
#include <vector>

#include "node/common/error_catalogue.h"
#include "node/http/http_types.h"
#include "node/storage/migrations.h"

namespace Poco {
class Logger;
}

namespace mams {
class Clock;
}
namespace mams::audit {
class AuditLog;
}
namespace mams::auth {
class AuthenticatorSlot;
}
namespace mams::config {
struct NodeConfig;
}
namespace mams::metrics {
class Metrics;
}
namespace mams::scope {
class OrgDirectory;
}
namespace mams::storage {
class Storage;
}

namespace mams::module {

/// A permission a module defines, `module:action`; roles grant these (identity issue).
struct PermissionDecl {
  std::string name;
  std::string description;
  /// Shipped roles that get this permission the first time a node sees it; administrators
  /// may change role grants afterwards and later starts keep their choice.
  std::vector<std::string> default_roles = {};
};

/// How rows of a table travel between levels (see docs/sync-protocol.md).
enum class SyncDirection {
  kUp,         ///< business rows: owned below, consolidated to every ancestor
  kReference,  ///< reference data published by a higher level, distributed downward
};

struct SyncTableDecl {
  std::string table;
  SyncDirection direction = SyncDirection::kUp;
};

/// What a module may use when it starts. References stay valid while the node runs.
struct ModuleContext {
  const config::NodeConfig& config;
  storage::Storage& storage;
  scope::OrgDirectory& orgs;
  Poco::Logger& logger;
  const Clock& clock;
  const audit::AuditLog& audit;
  auth::AuthenticatorSlot& authenticator;     ///< filled by the identity module
  const std::vector<PermissionDecl>& permissions;  ///< declared by every loaded module
};

/// Everything a module is, declared in one place: its schema steps, the permissions it
/// defines, the tables it hands to sync, and `start`, which runs after the migrations,
/// builds the module's services and returns its routes. Modules are listed explicitly in
/// node/app/module_list.cpp; nothing registers itself.
struct Module {
  std::string name;
  std::string description;
  std::vector<storage::Migration> migrations;
  std::vector<PermissionDecl> permissions;
  std::vector<SyncTableDecl> sync_tables;
  std::function<std::vector<http::Route>(ModuleContext&)> start;
  /// The messages of every error code the module's own code throws (node/common/
  /// error_catalogue.h); a code is declared once across the node and its modules.
  std::vector<ErrorMessage> errors = {};
};

}  // namespace mams::module
