#include "modules/identity/identity_json.h"

#include "modules/identity/identity_entities.h"
#include "node/common/clock.h"

namespace mams::identity {
namespace {

template <typename Container>
Poco::JSON::Array ToArray(const Container& items) {
  Poco::JSON::Array array;
  for (const auto& item : items) {
    array.add(item);
  }
  return array;
}

Poco::Dynamic::Var TimeOrNull(std::int64_t ms) {
  return ms == 0 ? Poco::Dynamic::Var() : Poco::Dynamic::Var(FormatIsoUtc(ms));
}

}  // namespace

Poco::JSON::Object UserJson(const UserRecord& user, bool show_pii, std::int64_t now_ms) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  UserEntity().WriteJson(*entity::ObjectSink(object), user, {show_pii, now_ms});
  return object;
}

Poco::JSON::Object RoleJson(const RoleRecord& role) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  RoleEntity().WriteJson(*entity::ObjectSink(object), role);
  return object;
}

Poco::JSON::Object TokenJson(const TokenRecord& token) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("id", token.id);
  object.set("userId", token.user_id);
  object.set("name", token.name);
  object.set("createdAt", FormatIsoUtc(token.created_ms));
  object.set("expiresAt", FormatIsoUtc(token.expires_ms));
  object.set("revokedAt", TimeOrNull(token.revoked_ms));
  object.set("lastUsedAt", TimeOrNull(token.last_used_ms));
  return object;
}

Poco::JSON::Object PrincipalJson(const auth::Principal& principal) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("id", principal.user_id);
  object.set("username", principal.username);
  object.set("displayName", principal.display_name);
  object.set("org", principal.org_code);
  object.set("roles", ToArray(principal.roles));
  object.set("permissions", ToArray(principal.permissions));
  object.set("ownCustomersOnly", principal.own_records_only);
  object.set("mfaPending", principal.mfa_pending);
  if (!principal.csrf_token.empty()) {
    object.set("csrfToken", principal.csrf_token);
  }
  return object;
}

}  // namespace mams::identity
