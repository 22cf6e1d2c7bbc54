#pragma once

#include <Poco/JSON/Object.h>

#include "modules/identity/credential_store.h"
#include "modules/identity/identity_store.h"
#include "node/auth/principal.h"

namespace mams::identity {

/// A user as the API shows it; phone and e-mail masked unless `show_pii`.
Poco::JSON::Object UserJson(const UserRecord& user, bool show_pii, std::int64_t now_ms);
Poco::JSON::Object RoleJson(const RoleRecord& role);
Poco::JSON::Object TokenJson(const TokenRecord& token);
/// The caller: who, which org, roles, permissions, CSRF token and second-factor state.
Poco::JSON::Object PrincipalJson(const auth::Principal& principal);

}  // namespace mams::identity
