#pragma once

#include <memory>
#include <vector>

#include "node/http/http_types.h"

namespace mams::module {
struct Extensions;
}

namespace mams::accounts {

struct AccountsContext;
struct WrittenCustomer;
class ContactService;
class GradingService;
class CustomerService;
class ImportService;

/// /api/v1/customers and /api/v1/industries.
std::vector<http::Route> CustomerRoutes(std::shared_ptr<CustomerService> service);
std::vector<http::Route> ContactRoutes(std::shared_ptr<ContactService> contacts,
                                       std::shared_ptr<CustomerService> customers);
std::vector<http::Route> ImportRoutes(std::shared_ptr<ImportService> service);
/// The dashboard, the 360° view (its facets beyond contacts and visits come from the modules
/// in `extensions`, read at request time), export, duplicates, merge and grading rules.
std::vector<http::Route> CustomerViewRoutes(AccountsContext& context,
                                            const module::Extensions& extensions,
                                            std::shared_ptr<CustomerService> customers,
                                            std::shared_ptr<ContactService> contacts,
                                            std::shared_ptr<GradingService> grading);

/// Adds `X-MAMS-Out-Of-Scope: true` when the write took the customer out of the caller's
/// sight: the write stands (200 with the row as written), and a later GET answers 404.
void MarkOutOfScope(const WrittenCustomer& written, http::HttpResponse* response);

/// /tmf-api/customerManagement/v4/customer: TMF629 over the same service, permissions and
/// visibility (docs/api.md, "TMF629 Customer Management").
std::vector<http::Route> Tmf629Routes(std::shared_ptr<CustomerService> service);

}  // namespace mams::accounts
