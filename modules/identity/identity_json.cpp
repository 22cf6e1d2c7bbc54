#include "modules/identity/identity_json.h"

#include "modules/identity/credential_entities.h"
#include "modules/identity/identity_entities.h"
#include "node/entity/entity_json.h"

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

}  // namespace

Poco::JSON::Object UserJson(const UserRecord& user, bool show_pii, std::int64_t now_ms) {
  return entity::JsonObject(UserEntity(), user, {show_pii, now_ms});
}

Poco::JSON::Object RoleJson(const RoleRecord& role) {
  return entity::JsonObject(RoleEntity(), role);
}

Poco::JSON::Object TokenJson(const TokenRecord& token) {
  return entity::JsonObject(TokenEntity(), token);
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
