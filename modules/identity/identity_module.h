#pragma once

#include "node/module/module.h"

namespace mams::identity {

/// Users, roles and permissions scoped by organisation (职责与权限管理): log-in with
/// PBKDF2 passwords, lockout, sessions with CSRF tokens, TOTP for administrators and
/// auditors, API tokens, and the administration API. Installs the node's authenticator.
module::Module MakeModule();

}  // namespace mams::identity
