#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "modules/accounts/grading/value_grade.h"
#include "node/storage/storage.h"

namespace mams::accounts {

/// One month of one product's revenue for a customer (money in fen).
struct RevenueFact {
  std::string customer_id;
  std::string org_code;
  std::string product;
  std::string month;  ///< YYYY-MM
  std::int64_t amount = 0;
  std::int64_t arrears = 0;
};

struct MonthTotal {
  std::string month;
  std::int64_t amount = 0;
  std::int64_t arrears = 0;
};

struct ProductTotal {
  std::string product;
  std::int64_t amount = 0;
  std::string last_month;  ///< the latest month with revenue
};

/// One total for each of `months`, in their order: the one of `totals` for that month, or
/// zeros for a month without revenue.
std::vector<MonthTotal> EveryMonth(const std::vector<std::string>& months,
                                   std::vector<MonthTotal> totals);

/// All SQL of revenue facts. Callers own the transaction.
class RevenueRepository {
 public:
  /// Inserts, or replaces amount and arrears of the same customer × product × month (a
  /// re-delivered bill replaces the earlier one). Returns false when nothing changed.
  static bool Upsert(storage::Session& session, const RevenueFact& fact,
                     const std::string& owner_node, const std::string& updated_at);
  /// Totals per month within `range` (months without revenue are absent).
  static std::vector<MonthTotal> ByMonth(storage::Session& session, const std::string& customer_id,
                                         const MonthRange& range);
  /// Totals per product within `range`, largest first.
  static std::vector<ProductTotal> ByProduct(storage::Session& session,
                                             const std::string& customer_id,
                                             const MonthRange& range);
  static std::int64_t Total(storage::Session& session, const std::string& customer_id,
                            const MonthRange& range);
  /// Moves a merged customer's revenue to the survivor; a month both hold is added up.
  static void Reassign(storage::Session& session, const std::string& from, const std::string& to,
                       const std::string& org_code, const std::string& updated_at);
};

}  // namespace mams::accounts
