#pragma once

#include <memory>
#include <vector>

#include "node/http/http_types.h"

namespace mams::accounts {

class CustomerService;

/// /api/v1/customers and /api/v1/industries.
std::vector<http::Route> CustomerRoutes(std::shared_ptr<CustomerService> service);

/// /tmf-api/customerManagement/v4/customer: TMF629 over the same service, permissions and
/// visibility (docs/api.md, "TMF629 Customer Management").
std::vector<http::Route> Tmf629Routes(std::shared_ptr<CustomerService> service);

}  // namespace mams::accounts
