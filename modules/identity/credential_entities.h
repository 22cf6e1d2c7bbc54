#pragma once

#include "modules/identity/credential_store.h"
#include "node/entity/entity.h"

namespace mams::identity {

/// The `sessions` table: read and written by CredentialStore, never shown.
const entity::Entity<SessionRecord>& SessionEntity();

/// The `api_tokens` table and a token's JSON: times shown as ISO-8601 (revokedAt and
/// lastUsedAt null until they happen); the hash is stored, never shown.
const entity::Entity<TokenRecord>& TokenEntity();

}  // namespace mams::identity
