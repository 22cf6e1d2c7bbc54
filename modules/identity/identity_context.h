#pragma once

#include <string>
#include <vector>

#include "modules/identity/password_policy.h"
#include "node/module/module.h"

namespace mams {
class Clock;
}
namespace mams::audit {
class AuditLog;
}
namespace mams::config {
struct AuthSection;
}
namespace mams::scope {
class OrgDirectory;
}
namespace mams::storage {
class Storage;
}

namespace mams::identity {

class SessionAuthenticator;

/// What the identity services share; built once when the module starts.
struct IdentityContext {
  storage::Storage& storage;
  const Clock& clock;
  const audit::AuditLog& audit;
  const config::AuthSection& config;
  const scope::OrgDirectory& orgs;
  std::string node_id;
  std::string node_org;
  PasswordPolicy policy;
  std::vector<module::PermissionDecl> permissions;  ///< declared by every loaded module
  SessionAuthenticator* authenticator = nullptr;    ///< its cache is dropped after writes
};

/// Name of the session cookie.
inline constexpr char kSessionCookie[] = "mams_session";

}  // namespace mams::identity
