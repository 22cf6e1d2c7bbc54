#pragma once

#include <memory>
#include <vector>

#include "node/http/http_types.h"

namespace mams::accounts {

class ContactService;
class CustomerService;
class ImportService;

std::vector<http::Route> CustomerRoutes(std::shared_ptr<CustomerService> service);
std::vector<http::Route> ContactRoutes(std::shared_ptr<ContactService> contacts,
                                       std::shared_ptr<CustomerService> customers);
std::vector<http::Route> ImportRoutes(std::shared_ptr<ImportService> service);

}  // namespace mams::accounts
