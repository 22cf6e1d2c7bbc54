#pragma once

namespace mams::module {
struct ModuleContext;
}

namespace mams::accounts {

/// Accounts' report datasets (extensions.report_datasets): the customer distribution by org
/// (客户分布), filtered by industry, level and state, within the caller's scope.
void AddCustomerReports(module::ModuleContext& context);

}  // namespace mams::accounts
