#pragma once

#include <string>
#include <vector>

#include "modules/accounts/customers/customer_service.h"
#include "modules/accounts/grading/grading.h"

namespace mams::auth {
class DataScope;
}

namespace mams::accounts {

/// Value-grading rules per org (seed 001: 大客户价值分级) and regrading when they change.
class GradingService {
 public:
  /// Customers regraded per transaction when a rule changes.
  static constexpr int kRegradeBatch = 1000;

  explicit GradingService(AccountsContext& context) : context_(context) {}

  std::vector<GradingRule> RulesInScope(const auth::DataScope& scope);
  GradeThresholds Effective(const std::string& org_code);
  /// Validates (422), stores and audits the rule, then regrades every live customer of the
  /// org's subtree. Returns how many grades changed.
  int SetRule(const std::string& org_code, const GradeThresholds& thresholds,
              const audit::Actor& actor);

 private:
  AccountsContext& context_;
};

}  // namespace mams::accounts
