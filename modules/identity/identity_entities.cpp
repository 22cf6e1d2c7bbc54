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

const entity::Entity<UserRecord>& UserEntity() {
  static const entity::Entity<UserRecord> users(
      "users", entity::Sync::kNone,
      {UserField::Of("id", "id", &UserRecord::id),
       UserField::Of("username", "username", &UserRecord::username).Input(),
       UserField::Of("display_name", "displayName", &UserRecord::display_name).Input(),
       UserField::Of("org_code", "org", &UserRecord::org_code).Input(),
       UserField::Of("phone", "phone", &UserRecord::phone).Masked(Mask::kPhone).Input(),
       UserField::Of("email", "email", &UserRecord::email).Masked(Mask::kEmail).Input(),
       UserField::Accepted("password", FieldType::kText),
       UserField::Of("", "roles", &UserRecord::roles).Input(),
       UserField::Of("disabled", "disabled", &UserRecord::disabled).Input(),
       UserField::Computed("locked", Locked).Type(FieldType::kBool),
       UserField::Computed("lockedUntil", LockedUntil).Type(FieldType::kTimestamp),
       UserField::Computed("totpEnabled", TotpEnabled).Type(FieldType::kBool),
       UserField::Of("password_changed_at", "passwordChangedAt", &UserRecord::password_changed_at)
           .Type(FieldType::kTimestamp),
       UserField::Of("created_at", "createdAt", &UserRecord::created_at)
           .Type(FieldType::kTimestamp),
       UserField::Of("updated_at", "updatedAt", &UserRecord::updated_at)
           .Type(FieldType::kTimestamp),
       UserField::Of("version", "version", &UserRecord::version),
       // Secrets and lockout bookkeeping: stored, never shown.
       UserField::Of("password_hash", "", &UserRecord::password_hash),
       UserField::Of("failed_attempts", "", &UserRecord::failed_attempts),
       UserField::Of("locked_until_ms", "", &UserRecord::locked_until_ms),
       UserField::Of("totp_secret", "", &UserRecord::totp_secret),
       UserField::Of("totp_pending_secret", "", &UserRecord::totp_pending_secret),
       UserField::Of("totp_last_step", "", &UserRecord::totp_last_step)});
  return users;
}

const entity::Entity<RoleRecord>& RoleEntity() {
  static const entity::Entity<RoleRecord> roles(
      "roles", entity::Sync::kNone,
      {RoleField::Of("id", "id", &RoleRecord::id),
       RoleField::Of("code", "code", &RoleRecord::code).Input(),
       RoleField::Of("name", "name", &RoleRecord::name).Input(),
       RoleField::Of("name_en", "nameEn", &RoleRecord::name_en).Input(),
       RoleField::Computed("permissions", Permissions).Type(FieldType::kStringList).Input(),
       RoleField::Of("own_customers_only", "ownCustomersOnly", &RoleRecord::own_customers_only)
           .Input(),
       RoleField::Of("requires_mfa", "requiresMfa", &RoleRecord::requires_mfa).Input(),
       RoleField::Of("builtin", "builtin", &RoleRecord::builtin),
       RoleField::Of("version", "version", &RoleRecord::version)});
  return roles;
}

}  // namespace mams::identity
