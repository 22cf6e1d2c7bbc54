#include "modules/accounts/views/customer_dashboard.h"

#include "modules/accounts/grading/revenue_entities.h"
#include "node/auth/data_scope.h"
#include "node/entity/entity_query.h"
#include "node/scope/org_tree.h"
#include "node/storage/result_set.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

constexpr int kTopCustomers = 20;
constexpr char kManagedBy[] =
    " AND customer_id IN (SELECT customer_id FROM customer_managers WHERE user_id = ? AND "
    "deleted = 0)";

// The direct child of `root` on the way down to `code` (`root` itself for rows at the root).
std::string ChildOnPath(const scope::OrgTree& tree, const std::string& root, std::string code) {
  while (!code.empty() && code != root) {
    const scope::Org* org = tree.Find(code);
    if (org == nullptr) {
      return "";
    }
    if (org->parent_code == root) {
      return code;
    }
    code = org->parent_code;
  }
  return root;
}

}  // namespace

CustomerDashboard ReadDashboard(storage::Session& session, const CustomerVisibility& visibility,
                                const std::string& org, const std::vector<std::string>& months) {
  const auth::DataScope scope = org.empty() ? visibility.scope : visibility.scope.Narrowed(org);
  CustomerDashboard board;
  board.org = scope.root();
  if (scope.empty()) {
    return board;
  }

  storage::SqlParams params;
  std::string where = " WHERE deleted = 0";
  if (!scope.IsWholeTree()) {
    where += " AND " + scope.SqlCondition("org_code", &params);
  }
  if (visibility.only_managed_by) {
    where +=
        " AND id IN (SELECT customer_id FROM customer_managers WHERE user_id = ? AND "
        "deleted = 0)";
    params.emplace_back(*visibility.only_managed_by);
  }
  // Every column here is in idx_customers_live_state: one pass over index entries.
  const auto groups = session.Query(
      "SELECT org_code, state, value_grade, industry, level, COUNT(*) FROM customers" + where +
          " GROUP BY org_code, state, value_grade, industry, level",
      params);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const storage::Row row = groups[i];
    const std::int64_t count = row.Int(5);
    board.total += count;
    board.by_state[row.Text(1)] += count;
    board.by_value_grade[row.Text(2)] += count;
    board.by_industry[row.Text(3)] += count;
    board.by_level[row.Text(4)] += count;
    const std::string child = ChildOnPath(scope.tree(), board.org, row.Text(0));
    if (!child.empty() && child != board.org) {
      board.by_child_org[child] += count;
    }
  }

  storage::SqlParams revenue_params{months.front(), months.back()};
  std::string revenue_where = " WHERE deleted = 0 AND month >= ? AND month <= ?";
  if (!scope.IsWholeTree()) {
    revenue_where += " AND " + scope.SqlCondition("org_code", &revenue_params);
  }
  if (visibility.only_managed_by) {
    revenue_where += kManagedBy;
    revenue_params.emplace_back(*visibility.only_managed_by);
  }
  board.revenue = EveryMonth(
      months, entity::ReadAll(session, MonthTotalEntity(),
                              "SELECT month, SUM(amount) AS amount, SUM(arrears) AS arrears"
                              " FROM revenue_facts" +
                                  revenue_where + " GROUP BY month",
                              revenue_params));

  CustomerFilter filter;
  if (!org.empty()) {
    filter.org = org;
  }
  std::int64_t total = 0;
  board.top = CustomerRepository::List(session, visibility, filter, "revenue_12m DESC, id",
                                       kTopCustomers, 0, &total);
  return board;
}

}  // namespace mams::accounts
