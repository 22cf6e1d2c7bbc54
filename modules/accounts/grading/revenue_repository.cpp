#include "modules/accounts/grading/revenue_repository.h"

#include <map>

#include "modules/accounts/grading/revenue_entities.h"
#include "node/common/ids.h"
#include "node/entity/entity_query.h"
#include "node/entity/synced_table.h"

namespace mams::accounts {
namespace {

constexpr char kFind[] =
    "SELECT id, amount, arrears, deleted FROM revenue_facts"
    " WHERE customer_id = ? AND product = ? AND month = ?";
// The writes of revenue_facts, built once.
struct FactWrites {
  entity::SyncedStatement insert;
  entity::SyncedStatement update;  ///< revives a tombstoned fact too
  entity::SyncedStatement move;    ///< to another customer
  entity::SyncedStatement tombstone;
};
const FactWrites& Writes() {
  static const entity::SyncedTable table("revenue_facts");
  static const FactWrites writes{
      table.Insert({"id", "customer_id", "product", "month", "amount", "arrears", "org_code",
                    "owner_node", "updated_at"}),
      table.Update({"amount", "arrears", "org_code", "deleted", "updated_at"}, "id = ?"),
      table.Update({"customer_id", "org_code", "updated_at"}, "id = ?"),
      table.Tombstone({"updated_at"}, "id = ?")};
  return writes;
}
// The result columns are the ones MonthTotalEntity and ProductTotalEntity read.
constexpr char kByMonth[] =
    "SELECT month, SUM(amount) AS amount, SUM(arrears) AS arrears FROM revenue_facts"
    " WHERE customer_id = ? AND deleted = 0 AND month >= ? AND month <= ?"
    " GROUP BY month ORDER BY month";
constexpr char kByProduct[] =
    "SELECT product, SUM(amount) AS total, MAX(month) AS last_month FROM revenue_facts"
    " WHERE customer_id = ? AND deleted = 0 AND month >= ? AND month <= ?"
    " GROUP BY product ORDER BY total DESC, product";
constexpr char kTotal[] =
    "SELECT COALESCE(SUM(amount), 0) FROM revenue_facts"
    " WHERE customer_id = ? AND deleted = 0 AND month >= ? AND month <= ?";
constexpr char kOfCustomer[] =
    "SELECT id, product, month, amount, arrears FROM revenue_facts"
    " WHERE customer_id = ? AND deleted = 0";

}  // namespace

std::vector<MonthTotal> EveryMonth(const std::vector<std::string>& months,
                                   std::vector<MonthTotal> totals) {
  std::map<std::string, MonthTotal> by_month;
  for (auto& total : totals) {
    by_month[total.month] = std::move(total);
  }
  std::vector<MonthTotal> every;
  every.reserve(months.size());
  for (const auto& month : months) {
    const auto found = by_month.find(month);
    every.push_back(found != by_month.end() ? found->second : MonthTotal{month, 0, 0});
  }
  return every;
}

bool RevenueRepository::Upsert(storage::Session& session, const RevenueFact& fact,
                               const std::string& owner_node, const std::string& updated_at) {
  const auto rows = session.Query(kFind, {fact.customer_id, fact.product, fact.month});
  if (rows.empty()) {
    Writes().insert.Run(session, {NewRowId(), fact.customer_id, fact.product, fact.month, fact.amount,
                               fact.arrears, fact.org_code, owner_node, updated_at});
    return true;
  }
  if (rows[0].Int(1) == fact.amount && rows[0].Int(2) == fact.arrears && rows[0].Int(3) == 0) {
    return false;
  }
  Writes().update.Run(session, {fact.amount, fact.arrears, fact.org_code, std::int64_t{0}, updated_at,
                             rows[0].Text(0)});
  return true;
}

std::vector<MonthTotal> RevenueRepository::ByMonth(storage::Session& session,
                                                   const std::string& customer_id,
                                                   const MonthRange& range) {
  return entity::ReadAll(session, MonthTotalEntity(), kByMonth,
                         {customer_id, range.first, range.last});
}

std::vector<ProductTotal> RevenueRepository::ByProduct(storage::Session& session,
                                                       const std::string& customer_id,
                                                       const MonthRange& range) {
  return entity::ReadAll(session, ProductTotalEntity(), kByProduct,
                         {customer_id, range.first, range.last});
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
      Writes().move.Run(session, {to, org_code, updated_at, rows[i].Text(0)});
      continue;
    }
    const std::int64_t amount = rows[i].Int(3) + (existing[0].Int(3) != 0 ? 0 : existing[0].Int(1));
    const std::int64_t arrears = rows[i].Int(4) + (existing[0].Int(3) != 0 ? 0 : existing[0].Int(2));
    Writes().update.Run(session,
                     {amount, arrears, org_code, std::int64_t{0}, updated_at, existing[0].Text(0)});
    Writes().tombstone.Run(session, {updated_at, rows[i].Text(0)});
  }
}

}  // namespace mams::accounts
