#include "modules/identity/credential_entities.h"

#include "node/common/clock.h"

namespace mams::identity {
namespace {

using entity::JsonOptions;
using entity::JsonValue;
using TokenField = entity::Field<TokenRecord>;

// A time of the token as shown: ISO-8601, or null while it has not happened.
template <std::int64_t TokenRecord::*kMember, bool kNullWhenZero>
JsonValue TokenTime(const TokenRecord& token, const JsonOptions&) {
  const std::int64_t ms = token.*kMember;
  if (kNullWhenZero && ms == 0) {
    return nullptr;
  }
  return FormatIsoUtc(ms);
}

}  // namespace

// One field per line: the table reads as a table.
// clang-format off
const entity::Entity<SessionRecord>& SessionEntity() {
  using S = SessionRecord;
  using Field = entity::Field<SessionRecord>;
  static const entity::Entity<SessionRecord> sessions("sessions", entity::Sync::kNone, {
      Field::Of("id_hash", "", &S::id_hash),
      Field::Of("user_id", "", &S::user_id),
      Field::Of("csrf_token", "", &S::csrf_token),
      Field::Of("created_ms", "", &S::created_ms),
      Field::Of("last_seen_ms", "", &S::last_seen_ms),
      Field::Of("mfa_verified", "", &S::mfa_verified),
      Field::Of("client_address", "", &S::client_address)});
  return sessions;
}

const entity::Entity<TokenRecord>& TokenEntity() {
  using T = TokenRecord;
  static const entity::Entity<TokenRecord> tokens("api_tokens", entity::Sync::kNone, {
      TokenField::Of("id", "id", &T::id),
      TokenField::Of("user_id", "userId", &T::user_id),
      TokenField::Of("name", "name", &T::name),
      TokenField::Of("token_hash", "", &T::token_hash),
      TokenField::Of("created_by", "", &T::created_by),
      TokenField::Of("created_ms", "", &T::created_ms),
      TokenField::Of("expires_ms", "", &T::expires_ms),
      TokenField::Of("revoked_ms", "", &T::revoked_ms),
      TokenField::Of("last_used_ms", "", &T::last_used_ms),
      TokenField::Computed("createdAt", TokenTime<&T::created_ms, false>),
      TokenField::Computed("expiresAt", TokenTime<&T::expires_ms, false>),
      TokenField::Computed("revokedAt", TokenTime<&T::revoked_ms, true>),
      TokenField::Computed("lastUsedAt", TokenTime<&T::last_used_ms, true>)});
  return tokens;
}
// clang-format on

}  // namespace mams::identity
