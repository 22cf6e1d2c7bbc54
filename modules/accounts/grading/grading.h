#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/grading/value_grade.h"

namespace mams::scope {
class OrgTree;
}
namespace mams::storage {
class Session;
}

namespace mams::accounts {

/// A value-grading rule as stored: the thresholds an org sets for its subtree.
struct GradingRule {
  std::string org_code;
  GradeThresholds thresholds;
  std::int64_t version = 1;
  std::string updated_at;
};

/// Value grading (客户价值等级): rules per org, inherited down the org tree, and the
/// recomputation of customers' 12-month revenue and grade. Callers own the transaction.
class Grading {
 public:
  /// Rules of the given orgs that exist (in the orgs' order).
  static std::vector<GradingRule> Rules(storage::Session& session,
                                        const std::vector<std::string>& org_codes);
  /// Creates or replaces the rule of `org_code`.
  static void SetRule(storage::Session& session, const std::string& org_code,
                      const GradeThresholds& thresholds, const std::string& owner_node,
                      const std::string& updated_at);
  /// The rule of the nearest org at or above `org_code` that has one; the built-in defaults
  /// when none has.
  static GradeThresholds Effective(storage::Session& session, const scope::OrgTree& orgs,
                                   const std::string& org_code);

  /// Recomputes revenue_12m and value_grade of `customer_ids` over `window`. A change of grade
  /// is written to the customer's timeline. Returns how many grades changed.
  static int Regrade(storage::Session& session, const scope::OrgTree& orgs,
                     const std::vector<std::string>& customer_ids, const MonthRange& window,
                     const std::string& node_id, const std::string& at);
};

}  // namespace mams::accounts
