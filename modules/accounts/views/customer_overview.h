#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "modules/accounts/contacts/contact_record.h"
#include "modules/accounts/customers/customer_events.h"
#include "modules/accounts/customers/customer_service.h"
#include "modules/accounts/grading/revenue_repository.h"

namespace mams::accounts {

/// Everything the 360° page shows about one customer (客户360度视图), read in one session.
struct CustomerOverview {
  CustomerRecord customer;
  std::optional<CustomerRecord> parent;     ///< when visible to the caller
  std::vector<CustomerRecord> branches;     ///< first 20 visible direct branches
  std::int64_t branches_total = 0;
  std::vector<ContactRecord> contacts;
  std::vector<ProductTotal> products;       ///< products held, by 12-month revenue
  MonthRange window;
  std::vector<MonthTotal> months;           ///< the 12 months of the window, zeros filled in
  std::vector<VisitRecord> recent_visits;   ///< newest 5
  std::int64_t visits_total = 0;
  std::vector<CustomerEvent> history;       ///< newest 10
  std::int64_t history_total = 0;
};

/// Reads the overview; 404 (ApiError) when the customer is not visible.
CustomerOverview ReadOverview(AccountsContext& context, const CustomerVisibility& visibility,
                              const std::string& id);

}  // namespace mams::accounts
