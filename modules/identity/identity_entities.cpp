#include "modules/identity/identity_entities.h"

#include "node/common/clock.h"

namespace mams::identity {
namespace {

using entity::FieldType;
using entity::JsonOptions;
using entity::JsonValue;
using entity::Mask;
using UserField = entity::Field<UserRecord>;
using RoleField = entity::Field<RoleRecord>;

JsonValue Locked(const UserRecord& user, const JsonOptions& options) {
  return user.locked_until_ms > options.now_ms;
}

JsonValue LockedUntil(const UserRecord& user, const JsonOptions& options) {
  if (user.locked_until_ms <= options.now_ms) {
    return nullptr;
  }
  return FormatIsoUtc(user.locked_until_ms);
}

JsonValue TotpEnabled(const UserRecord& user, const JsonOptions&) {
  return !user.totp_secret.empty();
}

JsonValue Permissions(const RoleRecord& role, const JsonOptions&) {
  return std::vector<std::string>(role.permissions.begin(), role.permissions.end());
}

}  // namespace

// One field per line: the tables read as tables.
// clang-format off
const entity::Entity<UserRecord>& UserEntity() {
  using U = UserRecord;
  static const entity::Entity<UserRecord> users("users", entity::Sync::kNone, {
      UserField::Of("id", "id", &U::id),
      UserField::Of("username", "username", &U::username).Input(),
      UserField::Of("display_name", "displayName", &U::display_name).Input(),
      UserField::Of("org_code", "org", &U::org_code).Input(),
      UserField::Of("phone", "phone", &U::phone).Input().Masked(Mask::kPhone),
      UserField::Of("email", "email", &U::email).Input().Masked(Mask::kEmail),
      UserField::Accepted("password", FieldType::kText),
      UserField::Of("", "roles", &U::roles).Input(),
      UserField::Of("disabled", "disabled", &U::disabled).Input(),
      UserField::Computed("locked", Locked).Type(FieldType::kBool),
      UserField::Computed("lockedUntil", LockedUntil).Type(FieldType::kTimestamp),
      UserField::Computed("totpEnabled", TotpEnabled).Type(FieldType::kBool),
      UserField::Of("password_changed_at", "passwordChangedAt", &U::password_changed_at)
          .Type(FieldType::kTimestamp),
      UserField::Of("created_at", "createdAt", &U::created_at).Type(FieldType::kTimestamp),
      UserField::Of("updated_at", "updatedAt", &U::updated_at).Type(FieldType::kTimestamp),
      UserField::Of("version", "version", &U::version),
      // Secrets and lockout bookkeeping: stored, never shown.
      UserField::Of("password_hash", "", &U::password_hash),
      UserField::Of("failed_attempts", "", &U::failed_attempts),
      UserField::Of("locked_until_ms", "", &U::locked_until_ms),
      UserField::Of("totp_secret", "", &U::totp_secret),
      UserField::Of("totp_pending_secret", "", &U::totp_pending_secret),
      UserField::Of("totp_last_step", "", &U::totp_last_step)});
  return users;
}

const entity::Entity<RoleRecord>& RoleEntity() {
  using R = RoleRecord;
  static const entity::Entity<RoleRecord> roles("roles", entity::Sync::kNone, {
      RoleField::Of("id", "id", &R::id),
      RoleField::Of("code", "code", &R::code).Input(),
      RoleField::Of("name", "name", &R::name).Input(),
      RoleField::Of("name_en", "nameEn", &R::name_en).Input(),
      RoleField::Computed("permissions", Permissions).Type(FieldType::kStringList).Input(),
      RoleField::Of("own_customers_only", "ownCustomersOnly", &R::own_customers_only).Input(),
      RoleField::Of("requires_mfa", "requiresMfa", &R::requires_mfa).Input(),
      RoleField::Of("builtin", "builtin", &R::builtin),
      RoleField::Of("version", "version", &R::version)});
  return roles;
}
// clang-format on

}  // namespace mams::identity
