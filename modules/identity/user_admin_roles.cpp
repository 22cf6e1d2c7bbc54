// UserAdminService, roles: the role catalogue an administrator edits (codes, names,
// permissions), kept free of separation-of-duties conflicts for every holder.
#include <Poco/JSON/Object.h>

#include <algorithm>

#include "modules/identity/role_catalog.h"
#include "modules/identity/user_admin_service.h"
#include "modules/identity/user_admin_validation.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/common/ids.h"
#include "node/common/row_version.h"
#include "node/common/written_row.h"
#include "node/http/json.h"
#include "node/storage/storage.h"

namespace mams::identity {
namespace {

std::string RoleAuditJson(const RoleRecord& role) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("code", role.code);
  object.set("name", role.name);
  Poco::JSON::Array permissions;
  for (const auto& permission : role.permissions) {
    permissions.add(permission);
  }
  object.set("permissions", permissions);
  object.set("ownCustomersOnly", role.own_customers_only);
  object.set("requiresMfa", role.requires_mfa);
  return http::ToJson(object);
}

}  // namespace

std::set<std::string> UserAdminService::KnownPermissions() const {
  std::set<std::string> known;
  for (const auto& permission : context_.permissions) {
    known.insert(permission.name);
  }
  return known;
}

void UserAdminService::CheckRoles(const std::vector<std::string>& codes,
                                  storage::Session& session) {
  std::set<std::string> permissions;
  const auto roles = IdentityStore::AllRoles(session);
  for (const auto& code : codes) {
    const auto found = std::find_if(roles.begin(), roles.end(),
                                    [&code](const RoleRecord& role) { return role.code == code; });
    if (found == roles.end()) {
      throw Invalid("unknown_role", "no role '" + code + "'", "roles").With("role", code);
    }
    permissions.insert(found->permissions.begin(), found->permissions.end());
  }
  if (auto violation = SeparationOfDutiesViolation(permissions)) {
    throw Invalid("separation_of_duties", *violation, "roles");
  }
}

std::vector<RoleRecord> UserAdminService::Roles() {
  auto session = context_.storage.Open();
  return IdentityStore::AllRoles(*session);
}

RoleRecord UserAdminService::CreateRole(const RoleInput& input, const audit::Actor& actor) {
  ValidateNewRole(input);
  RoleRecord role;
  role.id = NewRowId();
  role.code = *input.code;
  role.name = *input.name;
  role.name_en = input.name_en.value_or(*input.name);
  role.own_customers_only = input.own_customers_only.value_or(false);
  role.requires_mfa = input.requires_mfa.value_or(false);
  role.permissions =
      RolePermissions(input.permissions.value_or(std::vector<std::string>{}), KnownPermissions());
  auto session = context_.storage.Open();
  if (IdentityStore::FindRole(*session, role.code)) {
    throw ApiError(ErrorKind::kConflict, "role_exists", "role '" + role.code + "' exists", "code")
        .With("role", role.code);
  }
  storage::Transaction transaction(*session);
  IdentityStore::InsertRole(*session, role, context_.node_id, FormatIsoUtc(context_.clock.NowMs()));
  audit::Entry entry = audit::EntryFor("role.create", "role", role.id, context_.node_org);
  entry.after = RoleAuditJson(role);
  context_.audit.Append(*session, actor, entry);
  RoleRecord created = WrittenRow(IdentityStore::FindRole(*session, role.code), "role");
  transaction.Commit();
  return created;
}

RoleRecord UserAdminService::UpdateRole(const std::string& code, const RoleInput& input,
                                        std::optional<std::int64_t> if_match,
                                        const audit::Actor& actor) {
  auto session = context_.storage.Open();
  auto role = IdentityStore::FindRole(*session, code);
  if (!role) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no such role");
  }
  if (input.code && *input.code != code) {
    throw Invalid("read_only_field", "code cannot be changed", "code");
  }
  RequireVersion(role->version, if_match, "role");
  const std::string before = RoleAuditJson(*role);
  role->name = input.name.value_or(role->name);
  role->name_en = input.name_en.value_or(role->name_en);
  role->own_customers_only = input.own_customers_only.value_or(role->own_customers_only);
  role->requires_mfa = input.requires_mfa.value_or(role->requires_mfa);
  if (input.permissions) {
    role->permissions = RolePermissions(*input.permissions, KnownPermissions());
  }
  storage::Transaction transaction(*session);
  IdentityStore::UpdateRole(*session, *role, FormatIsoUtc(context_.clock.NowMs()));
  // A holder of this role must not end up with conflicting rights through another role.
  const auto holders =
      session->Query("SELECT ur.user_id FROM user_roles ur WHERE ur.role_id = ?", {role->id});
  for (std::size_t i = 0; i < holders.size(); ++i) {
    const auto user = IdentityStore::FindUser(*session, holders[i].Text(0));
    if (user) {
      CheckRoles(user->roles, *session);
    }
  }
  audit::Entry entry = audit::EntryFor("role.update", "role", role->id, context_.node_org);
  entry.before = before;
  entry.after = RoleAuditJson(*role);
  context_.audit.Append(*session, actor, entry);
  RoleRecord updated = WrittenRow(IdentityStore::FindRole(*session, code), "role");
  transaction.Commit();
  Changed();
  return updated;
}

}  // namespace mams::identity
