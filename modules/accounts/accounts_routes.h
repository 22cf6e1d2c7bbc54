#pragma once

#include <memory>
#include <vector>

#include "node/http/http_types.h"

namespace mams::module {
struct Extensions;
struct ModuleContext;
}  // namespace mams::module

namespace mams::accounts {

struct AccountsContext;
class ContactService;
class GradingService;
class CustomerService;
class ImportService;

/// The module's permissions: what its routes require, declared in accounts_module.cpp.
inline constexpr char kCustomersRead[] = "customers:read";
inline constexpr char kCustomersWrite[] = "customers:write";
inline constexpr char kCustomersExport[] = "customers:export";
inline constexpr char kGradingWrite[] = "grading:write";

/// Accounts' report datasets (extensions.report_datasets): the customer distribution by org
/// (客户分布), filtered by industry, level and state, within the caller's scope.
void AddCustomerReports(module::ModuleContext& context);

/// /api/v1/customers and /api/v1/industries.
std::vector<http::Route> CustomerRoutes(std::shared_ptr<CustomerService> service);
/// The timeline (/history) titles its lines from the timeline_kinds in `extensions`.
std::vector<http::Route> ContactRoutes(std::shared_ptr<ContactService> contacts,
                                       std::shared_ptr<CustomerService> customers,
                                       const module::Extensions& extensions);
std::vector<http::Route> ImportRoutes(std::shared_ptr<ImportService> service);
/// The dashboard, the 360° view (its facets beyond contacts and visits come from the modules
/// in `extensions`, read at request time), export, duplicates, merge and grading rules.
std::vector<http::Route> CustomerViewRoutes(AccountsContext& context,
                                            const module::Extensions& extensions,
                                            std::shared_ptr<CustomerService> customers,
                                            std::shared_ptr<ContactService> contacts,
                                            std::shared_ptr<GradingService> grading);

}  // namespace mams::accounts
