#include "interfaces/tmf/tmf629/tmf629_module.h"

#include "interfaces/tmf/tmf629/tmf629_routes.h"
#include "modules/accounts/api/customer_directory.h"

namespace mams::tmf629 {

module::Module MakeModule() {
  module::Module module;
  module.name = "tmf629";
  module.description = "TMF629 Customer Management v4 over the accounts module's customers";
  // The permissions are accounts' customers:read and customers:write.
  module.start = [](module::ModuleContext& context) {
    return Tmf629Routes(accounts::OpenCustomerDirectory(context));
  };
  return module;
}

}  // namespace mams::tmf629
