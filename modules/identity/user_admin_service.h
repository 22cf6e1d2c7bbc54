#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/identity/credential_store.h"
#include "modules/identity/identity_context.h"
#include "modules/identity/identity_store.h"
#include "node/audit/audit_log.h"
#include "node/auth/data_scope.h"
#include "node/auth/principal.h"
#include "node/entity/patch.h"

namespace mams::identity {

struct IssuedToken {
  TokenRecord record;
  std::string secret;  ///< shown once
};

/// User, role and API-token administration (职责与权限管理). Every call is limited to the
/// caller's data scope (users outside it are 404), enforces separation of duties and is
/// audited in the same transaction as its write. Writes take a Patch of UserEntity() or
/// RoleEntity() (identity_entities.h); absent members stay as they are. Thread-safe.
class UserAdminService {
 public:
  explicit UserAdminService(IdentityContext& context) : context_(context) {}

  std::vector<UserRecord> List(const auth::DataScope& scope, const UserFilter& filter,
                               const std::string& order_by, int limit, int offset,
                               std::int64_t* total);
  UserRecord Get(const auth::DataScope& scope, const std::string& id);
  UserRecord Create(const auth::DataScope& scope, const entity::Patch& input,
                    const audit::Actor& actor);
  UserRecord Update(const auth::Principal& caller, const auth::DataScope& scope,
                    const std::string& id, const entity::Patch& input,
                    std::optional<std::int64_t> if_match, const audit::Actor& actor);
  void ResetPassword(const auth::DataScope& scope, const std::string& id,
                     const std::string& password, const audit::Actor& actor);
  void Unlock(const auth::DataScope& scope, const std::string& id, const audit::Actor& actor);
  void ResetTotp(const auth::DataScope& scope, const std::string& id, const audit::Actor& actor);

  IssuedToken CreateToken(const auth::DataScope& scope, const std::string& user_id,
                          const std::string& name, int valid_days, const audit::Actor& actor);
  std::vector<TokenRecord> Tokens(const auth::DataScope& scope, const std::string& user_id);
  void RevokeToken(const auth::DataScope& scope, const std::string& token_id,
                   const audit::Actor& actor);

  std::vector<RoleRecord> Roles();
  RoleRecord CreateRole(const entity::Patch& input, const audit::Actor& actor);
  RoleRecord UpdateRole(const std::string& code, const entity::Patch& input,
                        std::optional<std::int64_t> if_match, const audit::Actor& actor);

  /// Records that personal data of `count` users was shown unmasked to the caller.
  void RecordPiiRead(const audit::Actor& actor, const std::string& org, std::size_t count,
                     const std::string& what);

 private:
  void CheckRoles(const std::vector<std::string>& codes, storage::Session& session);
  std::set<std::string> KnownPermissions() const;
  void Changed();
  /// Appends `entry` with the written row's images (`before` empty for a create) in the
  /// caller's transaction.
  void AppendAudit(storage::Session& session, const audit::Actor& actor, audit::Entry entry,
                   std::string before, std::string after) const;

  IdentityContext& context_;
};

/// JSON of the audited fields of a user (phone and e-mail masked).
std::string UserAuditJson(const UserRecord& user);

}  // namespace mams::identity
