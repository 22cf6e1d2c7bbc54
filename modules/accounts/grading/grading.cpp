#include "modules/accounts/grading/grading.h"

#include <map>

#include "modules/accounts/grading/revenue_repository.h"
#include "node/common/ids.h"
#include "node/entity/synced_table.h"
#include "node/scope/org_tree.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

constexpr char kSelectRule[] =
    "SELECT a_min, b_min, c_min, version, updated_at FROM grading_rules"
    " WHERE org_code = ? AND deleted = 0";
const entity::SyncedStatement& InsertRule() {
  static const auto statement =
      entity::SyncedTable("grading_rules")
          .Insert({"id", "a_min", "b_min", "c_min", "org_code", "owner_node", "updated_at"});
  return statement;
}
const entity::SyncedStatement& UpdateRule() {
  static const auto statement =
      entity::SyncedTable("grading_rules")
          .Update({"a_min", "b_min", "c_min", "updated_at"}, "org_code = ? AND deleted = 0");
  return statement;
}
constexpr char kSelectCustomer[] =
    "SELECT org_code, revenue_12m, value_grade FROM customers WHERE id = ? AND deleted = 0";
const entity::SyncedStatement& UpdateCustomerGrade() {
  static const auto statement = entity::SyncedTable("customers")
                                    .Update({"revenue_12m", "value_grade", "updated_at"}, "id = ?");
  return statement;
}
const entity::SyncedStatement& InsertRegradeEvent() {
  static const auto statement =
      entity::SyncedTable("customer_events")
          .Insert({"id", "customer_id", "at", "actor", "action", "summary", "changes", "org_code",
                   "owner_node", "updated_at"});
  return statement;
}

std::optional<GradingRule> FindRule(storage::Session& session, const std::string& org_code) {
  const auto rows = session.Query(kSelectRule, {org_code});
  if (rows.empty()) {
    return std::nullopt;
  }
  GradingRule rule;
  rule.org_code = org_code;
  rule.thresholds = {rows[0].Int(0), rows[0].Int(1), rows[0].Int(2)};
  rule.version = rows[0].Int(3);
  rule.updated_at = rows[0].Text(4);
  return rule;
}

}  // namespace

std::vector<GradingRule> Grading::Rules(storage::Session& session,
                                        const std::vector<std::string>& org_codes) {
  std::vector<GradingRule> rules;
  for (const auto& org : org_codes) {
    if (auto rule = FindRule(session, org)) {
      rules.push_back(std::move(*rule));
    }
  }
  return rules;
}

void Grading::SetRule(storage::Session& session, const std::string& org_code,
                      const GradeThresholds& t, const std::string& owner_node,
                      const std::string& updated_at) {
  if (FindRule(session, org_code)) {
    UpdateRule().Run(session, {t.a_min, t.b_min, t.c_min, updated_at, org_code});
    return;
  }
  // One rule per org, with the same id at every node that might set it.
  InsertRule().Run(session, {StableRowId("grading_rule:" + org_code), t.a_min, t.b_min, t.c_min,
                             org_code, owner_node, updated_at});
}

GradeThresholds Grading::Effective(storage::Session& session, const scope::OrgTree& orgs,
                                   const std::string& org_code) {
  for (const scope::Org* org = orgs.Find(org_code); org != nullptr;
       org = org->parent_code.empty() ? nullptr : orgs.Find(org->parent_code)) {
    if (auto rule = FindRule(session, org->code)) {
      return rule->thresholds;
    }
  }
  return GradeThresholds{};
}

int Grading::Regrade(storage::Session& session, const scope::OrgTree& orgs,
                     const std::vector<std::string>& customer_ids, const MonthRange& window,
                     const std::string& node_id, const std::string& at) {
  std::map<std::string, GradeThresholds> thresholds_of;  // per org, for this call
  int changed = 0;
  for (const auto& id : customer_ids) {
    const auto rows = session.Query(kSelectCustomer, {id});
    if (rows.empty()) {
      continue;
    }
    const std::string org = rows[0].Text(0);
    auto found = thresholds_of.find(org);
    if (found == thresholds_of.end()) {
      found = thresholds_of.emplace(org, Effective(session, orgs, org)).first;
    }
    const std::int64_t revenue = RevenueRepository::Total(session, id, window);
    const std::string grade(1, ValueGrade(revenue, found->second));
    const std::string old_grade = rows[0].Text(2);
    if (revenue == rows[0].Int(1) && grade == old_grade) {
      continue;
    }
    UpdateCustomerGrade().Run(session, {revenue, grade, at, id});
    if (grade != old_grade) {
      ++changed;
      InsertRegradeEvent().Run(
          session, {NewRowId(), id, at, std::string("system"), std::string("customer.regrade"),
                    "价值等级 " + old_grade + " → " + grade,
                    "{\"valueGrade\":{\"from\":\"" + old_grade + "\",\"to\":\"" + grade + "\"}}",
                    org, node_id, at});
    }
  }
  return changed;
}

}  // namespace mams::accounts
