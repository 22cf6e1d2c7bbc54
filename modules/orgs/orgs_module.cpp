#include "modules/orgs/orgs_module.h"

#include <Poco/Logger.h>

#include "modules/orgs/org_repository.h"
#include "modules/orgs/org_routes.h"
#include "node/auth/roles.h"
#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/scope/org_tree.h"
#include "node/storage/storage.h"

namespace mams::orgs {

module::Module MakeModule() {
  module::Module module;
  module.name = "orgs";
  module.description = "Organisation tree: group, provinces, local networks";
  module.migrations = OrgRepository::Migrations();
  module.permissions = {
      {"orgs:read",
       "See the organisation tree of one's scope",
       {auth::kGroupAdmin, auth::kGroupAnalyst, auth::kProvinceManager, auth::kAccountManager,
        auth::kLocalStaff, auth::kSystemAdmin, auth::kSecurityAuditor}}};
  module.sync_tables = {{"orgs", module::SyncDirection::kReference}};
  module.start = [](module::ModuleContext& context) {
    auto session = context.storage.Open();
    std::shared_ptr<const scope::OrgTree> tree;
    try {
      tree = std::make_shared<const scope::OrgTree>(OrgRepository::LoadAll(*session));
    } catch (const std::invalid_argument& e) {
      throw StartupError("orgs: the organisation tree in " + context.storage.Describe() +
                         " is inconsistent: " + e.what());
    }
    context.orgs.Replace(tree);
    context.logger.information("orgs: %z orgs loaded, serving the subtree of %s", tree->size(),
                               context.config.node.org);
    return MakeOrgRoutes(context.orgs, context.config.node.org);
  };
  return module;
}

}  // namespace mams::orgs
