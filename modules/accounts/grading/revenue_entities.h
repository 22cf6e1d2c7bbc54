#pragma once

#include "modules/accounts/grading/revenue_repository.h"
#include "node/entity/entity.h"

namespace mams::accounts {

/// A month's revenue and arrears of a customer or a scope, as summed from `revenue_facts`
/// (result columns month, amount, arrears) and shown in the 360° view and the dashboard.
const entity::Entity<MonthTotal>& MonthTotalEntity();
/// A product's revenue over a window (result columns product, total, last_month).
const entity::Entity<ProductTotal>& ProductTotalEntity();

}  // namespace mams::accounts
