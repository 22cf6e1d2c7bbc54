#include "modules/identity/identity_module.h"

#include <Poco/Logger.h>

#include "modules/identity/identity_errors.h"
#include "modules/identity/identity_routes.h"
#include "modules/identity/identity_schema.h"
#include "modules/identity/identity_store.h"
#include "modules/identity/login_service.h"
#include "modules/identity/role_catalog.h"
#include "modules/identity/session_authenticator.h"
#include "modules/identity/user_admin_service.h"
#include "node/audit/audit_log.h"
#include "node/auth/authenticator.h"
#include "node/common/clock.h"
#include "node/config/node_config.h"
#include "node/privacy/masking.h"
#include "node/storage/storage.h"

namespace mams::identity {
namespace {

/// Everything the module keeps alive while the node runs; routes and the authenticator
/// share ownership of it.
struct IdentityRuntime {
  explicit IdentityRuntime(IdentityContext context_in)
      : context(std::move(context_in)), authenticator(context), login(context), admin(context) {
    context.authenticator = &authenticator;
  }
  IdentityContext context;
  SessionAuthenticator authenticator;
  LoginService login;
  UserAdminService admin;
};

PasswordPolicyConfig PolicyConfig(const config::AuthSection& auth) {
  PasswordPolicyConfig policy;
  policy.min_length = auth.password_min_length;
  policy.required_classes = auth.password_required_classes;
  policy.blocklist_file = auth.password_blocklist_file;
  return policy;
}

void ApplyDefaultGrants(module::ModuleContext& context) {
  auto session = context.storage.Open();
  storage::Transaction transaction(*session);
  const auto applied = IdentityStore::ApplyDefaultGrants(*session, context.permissions,
                                                         FormatIsoUtc(context.clock.NowMs()));
  if (!applied.empty()) {
    audit::Actor actor;
    actor.username = "mams-node";
    audit::Entry entry;
    entry.action = "role.default_grants";
    entry.entity = "role";
    entry.org_code = context.config.node.org;
    for (const auto& permission : applied) {
      entry.detail += (entry.detail.empty() ? "" : ", ") + permission;
    }
    context.audit.Append(*session, actor, entry);
  }
  transaction.Commit();
}

}  // namespace

module::Module MakeModule() {
  module::Module module;
  module.name = "identity";
  module.description = "Users, roles, permissions, sessions, TOTP, API tokens";
  module.depends_on = {"orgs", "audit"};  // users belong to orgs; their changes are audited
  module.migrations = IdentityMigrations();
  module.errors = IdentityErrorMessages();
  module.permissions = {
      {kUsersRead, "See users and roles of one's scope",
       {kGroupAdmin, kSystemAdmin, kSecurityAuditor}},
      {kUsersAdmin, "Create, change, disable users; reset passwords", {kSystemAdmin}},
      {kRolesAdmin, "Create and edit roles", {kSystemAdmin}},
      {kTokensAdmin, "Issue and revoke API tokens", {kSystemAdmin}},
      {privacy::kPiiView, "See personal data (phones, e-mail, ID numbers) unmasked",
       {kGroupAdmin, kProvinceManager, kAccountManager}},
  };
  module.start = [](module::ModuleContext& context) {
    IdentityContext identity{context.storage,
                             context.clock,
                             context.audit,
                             context.config.auth,
                             context.orgs,
                             context.config.node.id,
                             context.config.node.org,
                             PasswordPolicy(PolicyConfig(context.config.auth)),
                             context.permissions,
                             nullptr};
    auto runtime = std::make_shared<IdentityRuntime>(std::move(identity));
    ApplyDefaultGrants(context);
    context.authenticator.Set(
        std::shared_ptr<auth::Authenticator>(runtime, &runtime->authenticator));
    auto routes = AuthRoutes(std::shared_ptr<LoginService>(runtime, &runtime->login));
    auto admin = AdminRoutes(std::shared_ptr<UserAdminService>(runtime, &runtime->admin),
                             runtime->context);
    routes.insert(routes.end(), admin.begin(), admin.end());
    return routes;
  };
  return module;
}

}  // namespace mams::identity
