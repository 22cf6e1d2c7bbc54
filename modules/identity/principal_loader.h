#pragma once

#include <optional>
#include <string>

#include "modules/identity/identity_store.h"
#include "node/auth/principal.h"

namespace mams::identity {

/// Builds a Principal from a user and the current grants of the user's roles.
/// `mfa_for_admins` turns the roles' requires_mfa flags on or off.
auth::Principal LoadPrincipal(storage::Session& session, const UserRecord& user,
                              bool mfa_for_admins, bool* requires_mfa);

}  // namespace mams::identity
