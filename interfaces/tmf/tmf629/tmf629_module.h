#pragma once

#include "node/module/module.h"

namespace mams::tmf629 {

/// TMF629 Customer Management v4 (/tmf-api/customerManagement/v4/customer) over the
/// accounts module's customers, with its permissions and visibility. Uses accounts only
/// through modules/accounts/api/.
module::Module MakeModule();

}  // namespace mams::tmf629
