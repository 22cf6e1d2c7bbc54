#pragma once

#include <memory>
#include <vector>

#include "node/http/http_types.h"

namespace mams::accounts {
class CustomerDirectory;
}

namespace mams::tmf629 {

/// /tmf-api/customerManagement/v4/customer: TMF629 over the accounts module's customers,
/// with the same permissions and visibility (docs/api.md, "TMF629 Customer Management").
std::vector<http::Route> Tmf629Routes(std::shared_ptr<accounts::CustomerDirectory> customers);

}  // namespace mams::tmf629
