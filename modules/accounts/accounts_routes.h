#pragma once

#include <memory>
#include <vector>

#include "node/http/http_types.h"

namespace mams::accounts {

struct AccountsContext;
class ContactService;
class GradingService;
class CustomerService;
class ImportService;

/// /api/v1/customers and /api/v1/industries.
std::vector<http::Route> CustomerRoutes(std::shared_ptr<CustomerService> service);
std::vector<http::Route> ContactRoutes(std::shared_ptr<ContactService> contacts,
                                       std::shared_ptr<CustomerService> customers);
std::vector<http::Route> ImportRoutes(std::shared_ptr<ImportService> service);
std::vector<http::Route> CustomerViewRoutes(AccountsContext& context,
                                            std::shared_ptr<CustomerService> customers,
                                            std::shared_ptr<ContactService> contacts,
                                            std::shared_ptr<GradingService> grading);

}  // namespace mams::accounts
