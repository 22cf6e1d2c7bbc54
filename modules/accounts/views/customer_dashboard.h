#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "modules/accounts/api/customer_record.h"
#include "modules/accounts/customers/customer_repository.h"
#include "modules/accounts/grading/revenue_repository.h"

namespace mams::storage {
class Session;
}

namespace mams::accounts {

/// Figures of one org's subtree as the caller sees it, for the console's dashboard.
struct CustomerDashboard {
  std::string org;  ///< the org the figures are for (narrowed within the caller's scope)
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> by_state;
  std::map<std::string, std::int64_t> by_value_grade;
  std::map<std::string, std::int64_t> by_industry;
  std::map<std::string, std::int64_t> by_level;
  /// Live customers per direct child org of `org` (provinces for the group), for the map.
  std::map<std::string, std::int64_t> by_child_org;
  std::vector<MonthTotal> revenue;  ///< last 12 months, oldest first, zeros filled
  std::vector<CustomerRecord> top;  ///< by revenue over 12 months, at most 20
};

/// Counts come from one pass over the covering index of live customers by state; revenue
/// from the month index of revenue_facts; the top list is the customer list sorted by
/// revenue. `org` empty: the caller's whole scope.
CustomerDashboard ReadDashboard(storage::Session& session, const CustomerVisibility& visibility,
                                const std::string& org, const std::vector<std::string>& months);

}  // namespace mams::accounts
