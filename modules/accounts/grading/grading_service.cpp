#include "modules/accounts/grading/grading_service.h"

#include "node/auth/data_scope.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/scope/org_tree.h"
#include "node/storage/storage.h"

namespace mams::accounts {

std::vector<GradingRule> GradingService::RulesInScope(const auth::DataScope& scope) {
  auto session = context_.storage.Open();
  return Grading::Rules(*session, scope.org_codes());
}

GradeThresholds GradingService::Effective(const std::string& org_code) {
  auto session = context_.storage.Open();
  return Grading::Effective(*session, *context_.orgs.Current(), org_code);
}

int GradingService::SetRule(const std::string& org_code, const GradeThresholds& thresholds,
                            const audit::Actor& actor) {
  if (const auto problem = ValidateThresholds(thresholds)) {
    throw ApiError(ErrorKind::kUnprocessable, "invalid_thresholds", *problem, "aMin");
  }
  const auto orgs = context_.orgs.Current();
  const std::string now = FormatIsoUtc(context_.clock.NowMs());
  auto session = context_.storage.Open();
  {
    storage::Transaction transaction(*session);
    Grading::SetRule(*session, org_code, thresholds, context_.node_id, now);
    audit::Entry entry;
    entry.action = "grading_rule.set";
    entry.entity = "grading_rule";
    entry.entity_id = org_code;
    entry.org_code = org_code;
    entry.after = "{\"aMin\":" + std::to_string(thresholds.a_min) +
                  ",\"bMin\":" + std::to_string(thresholds.b_min) +
                  ",\"cMin\":" + std::to_string(thresholds.c_min) + "}";
    context_.audit.Append(*session, actor, entry);
    transaction.Commit();
  }
  // Regrade the subtree in batches, so one rule change does not hold the write lock long.
  const MonthRange window = Last12Months(context_.clock.NowMs());
  const auth::DataScope subtree(orgs, org_code, org_code);
  int changed = 0;
  for (std::string after;;) {
    const auto ids = CustomerRepository::IdsInScope(*session, subtree, after, kRegradeBatch);
    if (ids.empty()) {
      break;
    }
    storage::Transaction transaction(*session);
    changed += Grading::Regrade(*session, *orgs, ids, window, context_.node_id, now);
    transaction.Commit();
    after = ids.back();
  }
  return changed;
}

}  // namespace mams::accounts
