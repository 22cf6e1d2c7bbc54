#pragma once

#include <memory>
#include <vector>

#include "node/http/http_types.h"

namespace mams::accounts {

class CustomerService;

std::vector<http::Route> CustomerRoutes(std::shared_ptr<CustomerService> service);

}  // namespace mams::accounts
