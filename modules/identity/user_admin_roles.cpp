// UserAdminService, roles: the role catalogue an administrator edits (codes, names,
// permissions), kept free of separation-of-duties conflicts for every holder.
#include <Poco/JSON/Object.h>

#include <algorithm>

#include "modules/identity/identity_entities.h"
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

RoleRecord UserAdminService::CreateRole(const entity::Patch& input, const audit::Actor& actor) {
  ValidateNewRole(input);
  RoleRecord role;
  role.id = NewRowId();
  RoleEntity().Apply(input, &role);
  if (!input.Has("nameEn")) {
    role.name_en = role.name;
  }
  role.permissions = RolePermissions(input.List("permissions").value_or(std::vector<std::string>{}),
                                     KnownPermissions());
  auto session = context_.storage.Open();
  if (IdentityStore::FindRole(*session, role.code)) {
    throw ApiError(ErrorKind::kConflict, "role_exists", "role '" + role.code + "' exists", "code")
        .With("role", role.code);
  }
  storage::Transaction transaction(*session);
  IdentityStore::InsertRole(*session, role, context_.node_id, FormatIsoUtc(context_.clock.NowMs()));
  AppendAudit(*session, actor, audit::EntryFor("role.create", "role", role.id, context_.node_org),
              "", RoleAuditJson(role));
  RoleRecord created = WrittenRow(IdentityStore::FindRole(*session, role.code), "role");
  transaction.Commit();
  return created;
}

RoleRecord UserAdminService::UpdateRole(const std::string& code, const entity::Patch& input,
                                        std::optional<std::int64_t> if_match,
                                        const audit::Actor& actor) {
  auto session = context_.storage.Open();
  auto role = IdentityStore::FindRole(*session, code);
  if (!role) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no such role");
  }
  if (input.Text("code").value_or(code) != code) {
    throw Invalid("read_only_field", "code cannot be changed", "code");
  }
  RequireVersion(role->version, if_match, "role");
  const std::string before = RoleAuditJson(*role);
  RoleEntity().Apply(input, &*role);
  if (const auto permissions = input.List("permissions")) {
    role->permissions = RolePermissions(*permissions, KnownPermissions());
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
  AppendAudit(*session, actor, audit::EntryFor("role.update", "role", role->id, context_.node_org),
              before, RoleAuditJson(*role));
  RoleRecord updated = WrittenRow(IdentityStore::FindRole(*session, code), "role");
  transaction.Commit();
  Changed();
  return updated;
}

}  // namespace mams::identity
