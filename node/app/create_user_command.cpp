#include "node/app/create_user_command.h"


#include "modules/identity/identity_context.h"
#include "modules/identity/identity_entities.h"
#include "modules/identity/session_authenticator.h"
#include "modules/identity/user_admin_service.h"
#include "node/app/node_runtime.h"
#include "node/auth/data_scope.h"
#include "node/common/errors.h"
#include "node/scope/org_tree.h"

namespace mams::app {

using identity::IdentityContext;
using identity::PasswordPolicy;
using identity::PasswordPolicyConfig;
using identity::SessionAuthenticator;
using identity::UserAdminService;

std::string CreateUserFromCli(NodeRuntime& runtime, const CliUser& user) {
  const config::NodeConfig& config = runtime.config();
  PasswordPolicyConfig policy;
  policy.min_length = config.auth.password_min_length;
  policy.required_classes = config.auth.password_required_classes;
  policy.blocklist_file = config.auth.password_blocklist_file;
  IdentityContext context{runtime.storage(),  runtime.clock(),         runtime.audit(),
                          config.auth,        runtime.orgs(),          config.node.id,
                          config.node.org,    PasswordPolicy(policy),  runtime.permissions(),
                          nullptr};
  SessionAuthenticator authenticator(context);
  context.authenticator = &authenticator;
  UserAdminService service(context);

  const auth::DataScope scope(runtime.orgs().Current(), config.node.org, config.node.org);
  entity::Patch input(identity::UserEntity().shape());
  input.Set("username", user.username)
      .Set("displayName", user.display_name.empty() ? user.username : user.display_name)
      .Set("org", user.org.empty() ? config.node.org : user.org)
      .Set("roles", user.roles)
      .Set("password", user.password);
  audit::Actor actor;
  actor.username = "mams-node";
  actor.client_address = "command line";
  try {
    return service.Create(scope, input, actor).id;
  } catch (const ApiError& e) {
    throw StartupError("cannot create user '" + user.username + "': " + e.what() +
                       (e.field().empty() ? "" : " (" + e.field() + ")"));
  }
}

}  // namespace mams::app
