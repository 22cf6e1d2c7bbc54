#include "modules/accounts/grading/revenue_repository.h"

#include "node/common/ids.h"
#include "node/entity/synced_table.h"

namespace mams::accounts {
namespace {

constexpr char kFind[] =
    "SELECT id, amount, arrears, deleted FROM revenue_facts"
    " WHERE customer_id = ? AND product = ? AND month = ?";
const entity::SyncedTable& RevenueTable() {
  static const entity::SyncedTable table("revenue_facts");
  return table;
}
const entity::SyncedStatement& InsertFact() {
  static const auto statement =
      RevenueTable().Insert({"id", "customer_id", "product", "month", "amount", "arrears",
                             "org_code", "owner_node", "updated_at"});
  return statement;
}
// Revives a tombstoned fact too.
const entity::SyncedStatement& UpdateFact() {
  static const auto statement =
      RevenueTable().Update({"amount", "arrears", "org_code", "deleted", "updated_at"}, "id = ?");
  return statement;
}
constexpr char kByMonth[] =
    "SELECT month, SUM(amount), SUM(arrears) FROM revenue_facts"
    " WHERE customer_id = ? AND deleted = 0 AND month >= ? AND month <= ?"
    " GROUP BY month ORDER BY month";
constexpr char kByProduct[] =
    "SELECT product, SUM(amount), MAX(month) FROM revenue_facts"
    " WHERE customer_id = ? AND deleted = 0 AND month >= ? AND month <= ?"
    " GROUP BY product ORDER BY SUM(amount) DESC, product";
constexpr char kTotal[] =
    "SELECT COALESCE(SUM(amount), 0) FROM revenue_facts"
    " WHERE customer_id = ? AND deleted = 0 AND month >= ? AND month <= ?";
constexpr char kOfCustomer[] =
    "SELECT id, product, month, amount, arrears FROM revenue_facts"
    " WHERE customer_id = ? AND deleted = 0";
const entity::SyncedStatement& MoveFact() {
  static const auto statement =
      RevenueTable().Update({"customer_id", "org_code", "updated_at"}, "id = ?");
  return statement;
}
const entity::SyncedStatement& TombstoneFact() {
  static const auto statement = RevenueTable().Tombstone({"updated_at"}, "id = ?");
  return statement;
}

}  // namespace

bool RevenueRepository::Upsert(storage::Session& session, const RevenueFact& fact,
                               const std::string& owner_node, const std::string& updated_at) {
  const auto rows = session.Query(kFind, {fact.customer_id, fact.product, fact.month});
  if (rows.empty()) {
    InsertFact().Run(session, {NewRowId(), fact.customer_id, fact.product, fact.month, fact.amount,
                               fact.arrears, fact.org_code, owner_node, updated_at});
    return true;
  }
  if (rows[0].Int(1) == fact.amount && rows[0].Int(2) == fact.arrears && rows[0].Int(3) == 0) {
    return false;
  }
  UpdateFact().Run(session, {fact.amount, fact.arrears, fact.org_code, std::int64_t{0}, updated_at,
                             rows[0].Text(0)});
  return true;
}

std::vector<MonthTotal> RevenueRepository::ByMonth(storage::Session& session,
                                                   const std::string& customer_id,
                                                   const MonthRange& range) {
  const auto rows = session.Query(kByMonth, {customer_id, range.first, range.last});
  std::vector<MonthTotal> totals;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    totals.push_back({rows[i].Text(0), rows[i].Int(1), rows[i].Int(2)});
  }
  return totals;
}

std::vector<ProductTotal> RevenueRepository::ByProduct(storage::Session& session,
                                                       const std::string& customer_id,
                                                       const MonthRange& range) {
  const auto rows = session.Query(kByProduct, {customer_id, range.first, range.last});
  std::vector<ProductTotal> totals;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    totals.push_back({rows[i].Text(0), rows[i].Int(1), rows[i].Text(2)});
  }
  return totals;
}

std::int64_t RevenueRepository::Total(storage::Session& session, const std::string& customer_id,
                                      const MonthRange& range) {
  return session.Query(kTotal, {customer_id, range.first, range.last}).ScalarInt();
}

void RevenueRepository::Reassign(storage::Session& session, const std::string& from,
                                 const std::string& to, const std::string& org_code,
                                 const std::string& updated_at) {
  const auto rows = session.Query(kOfCustomer, {from});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto existing = session.Query(kFind, {to, rows[i].Text(1), rows[i].Text(2)});
    if (existing.empty()) {
      MoveFact().Run(session, {to, org_code, updated_at, rows[i].Text(0)});
      continue;
    }
    const std::int64_t amount = rows[i].Int(3) + (existing[0].Int(3) != 0 ? 0 : existing[0].Int(1));
    const std::int64_t arrears = rows[i].Int(4) + (existing[0].Int(3) != 0 ? 0 : existing[0].Int(2));
    UpdateFact().Run(session,
                     {amount, arrears, org_code, std::int64_t{0}, updated_at, existing[0].Text(0)});
    TombstoneFact().Run(session, {updated_at, rows[i].Text(0)});
  }
}

}  // namespace mams::accounts
