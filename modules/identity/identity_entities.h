#pragma once

#include "modules/identity/identity_store.h"
#include "node/entity/entity.h"

namespace mams::identity {

/// The `users` table declared once: columns, JSON (phone and e-mail masked without
/// pii:view; password hash, TOTP secrets and lockout counters stored but never shown;
/// `roles` kept in user_roles) and the request-body allow-list of /api/v1/users.
const entity::Entity<UserRecord>& UserEntity();

/// The `roles` table declared once; `permissions` are kept in role_permissions.
const entity::Entity<RoleRecord>& RoleEntity();

}  // namespace mams::identity
