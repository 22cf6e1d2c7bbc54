#include "modules/accounts/accounts_routes.h"
#include "modules/accounts/api/customer_directory.h"
#include "modules/accounts/common/reference_data.h"
#include "modules/accounts/customers/customer_repository.h"
#include "node/auth/data_scope.h"
#include "node/module/module.h"
#include "node/scope/org_tree.h"
#include "node/storage/result_set.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

using module::ReportValue;

// One row per org holding live customers the caller sees; the grade and state counts come
// from the same pass over idx_customers_live_state as the dashboard's.
constexpr char kByOrg[] =
    "SELECT org_code, COUNT(*),"
    " SUM(CASE WHEN state = 'active' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN state = 'potential' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN value_grade = 'A' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN value_grade = 'B' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN value_grade = 'C' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN value_grade = 'D' THEN 1 ELSE 0 END),"
    " SUM(revenue_12m) FROM customers";

// The filters, as columns of customers (constants; only values are bound).
constexpr std::pair<const char*, const char*> kFilterColumns[] = {
    {"industry", "industry"}, {"level", "level"}, {"state", "state"}};

std::vector<std::vector<std::string>> CustomersByOrg(storage::Session& session,
                                                     const std::map<std::string, std::string>& filters,
                                                     const module::Caller& caller) {
  const auto visibility = CustomerVisibility::Of(caller.scope, caller.principal);
  if (visibility.scope.empty()) {
    return {};
  }
  storage::SqlParams params;
  std::string where = CustomerRepository::LiveVisibleWhere(visibility, &params);
  for (const auto& [filter, column] : kFilterColumns) {
    const auto value = filters.find(filter);
    if (value != filters.end()) {
      where += std::string(" AND ") + column + " = ?";
      params.emplace_back(value->second);
    }
  }
  const scope::OrgTree& tree = visibility.scope.tree();
  std::vector<std::vector<std::string>> rows;
  session.QueryRows(std::string(kByOrg) + where + " GROUP BY org_code ORDER BY org_code", params,
                    [&](const storage::RowView& row) {
                      const std::string code(row.Text(0));
                      const scope::Org* org = tree.Find(code);
                      std::vector<std::string> cells = {code, org ? org->name : ""};
                      for (int column = 1; column <= 8; ++column) {
                        cells.push_back(std::to_string(row.Int(column)));
                      }
                      rows.push_back(std::move(cells));
                    });
  return rows;
}

}  // namespace

void AddCustomerReports(module::ModuleContext& context) {
  module::ReportDataset by_org;
  by_org.key = "customers.by_org";
  by_org.title_zh = "客户分布（按机构）";
  by_org.title_en = "Customers by org";
  by_org.permission = kCustomersRead;
  by_org.columns = {{"org", "机构编码", "Org code"},
                    {"orgName", "机构", "Org"},
                    {"customers", "客户数", "Customers", ReportValue::kInteger},
                    {"active", "在网", "Active", ReportValue::kInteger},
                    {"potential", "潜在", "Potential", ReportValue::kInteger},
                    {"gradeA", "A 级", "Grade A", ReportValue::kInteger},
                    {"gradeB", "B 级", "Grade B", ReportValue::kInteger},
                    {"gradeC", "C 级", "Grade C", ReportValue::kInteger},
                    {"gradeD", "D 级", "Grade D", ReportValue::kInteger},
                    {"revenue12m", "近12个月收入（元）", "Revenue, 12 months (yuan)", ReportValue::kMoney}};
  module::ReportFilter industry{"industry", "行业", "Industry", {}};
  for (const auto& section : IndustrySections()) {
    const std::string code(1, section.code);
    industry.choices.push_back({code, code + " " + section.name, code + " " + section.name_en});
  }
  by_org.filters = {
      std::move(industry),
      {"level", "管理级别", "Level",
       {{"group", "集团级", "Group"}, {"province", "省级", "Province"}, {"local", "本地网级", "Local"}}},
      {"state", "状态", "State",
       {{"potential", "潜在", "Potential"}, {"active", "在网", "Active"},
        {"suspended", "暂停", "Suspended"}, {"churned", "流失", "Churned"}}}};
  by_org.rows = CustomersByOrg;
  context.extensions.report_datasets.Add(context.module, std::move(by_org));
}

}  // namespace mams::accounts
