#include "modules/accounts/customers/customer_insert_warmer.h"

#include "modules/accounts/api/customer_record.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

// One seek per index of customers (accounts_schema.cpp) to where the new entry goes: the
// live-row indexes end with updated_at, so a new row lands at the end of its group.
// uq_customers_credit, uq_customers_no and (for a non-empty name key) the org and name-key
// index are read by the duplicate checks already; idx_customers_sync_version grows at its end.
constexpr char kById[] = "SELECT 1 FROM customers WHERE id = ?";
constexpr char kByOrgNameKey[] =
    "SELECT 1 FROM customers INDEXED BY idx_customers_org_name_key"
    " WHERE org_code = ? AND name_key = ? LIMIT 1";
constexpr char kLive[] =
    "SELECT 1 FROM customers INDEXED BY idx_customers_live"
    " WHERE deleted = 0 AND org_code = ? AND updated_at >= ? LIMIT 1";
constexpr char kLiveName[] =
    "SELECT 1 FROM customers INDEXED BY idx_customers_live_name"
    " WHERE deleted = 0 AND org_code = ? AND name = ? AND updated_at >= ? LIMIT 1";
constexpr char kLiveState[] =
    "SELECT 1 FROM customers INDEXED BY idx_customers_live_state"
    " WHERE deleted = 0 AND state = ? AND org_code = ? AND updated_at >= ? LIMIT 1";
constexpr char kLiveIndustry[] =
    "SELECT 1 FROM customers INDEXED BY idx_customers_live_industry"
    " WHERE deleted = 0 AND industry = ? AND org_code = ? AND updated_at >= ? LIMIT 1";
constexpr char kLiveLevel[] =
    "SELECT 1 FROM customers INDEXED BY idx_customers_live_level"
    " WHERE deleted = 0 AND level = ? AND org_code = ? AND updated_at >= ? LIMIT 1";
constexpr char kLiveGrade[] =
    "SELECT 1 FROM customers INDEXED BY idx_customers_live_grade"
    " WHERE deleted = 0 AND value_grade = ? AND org_code = ? AND updated_at >= ? LIMIT 1";
constexpr char kParent[] =
    "SELECT 1 FROM customers INDEXED BY idx_customers_parent WHERE parent_id = ? LIMIT 1";
constexpr char kEvents[] =
    "SELECT 1 FROM customer_events INDEXED BY idx_customer_events_customer"
    " WHERE customer_id = ? LIMIT 1";

}  // namespace

void WarmCustomerInsert(storage::Session& session, const CustomerRecord& c,
                        const std::string& name_key) {
  if (session.dialect().backend() != storage::Backend::kSqlite) {
    return;
  }
  const std::string& now = c.updated_at;
  session.Query(kById, {c.id});
  if (name_key.empty()) {
    session.Query(kByOrgNameKey, {c.org_code, name_key});
  }
  session.Query(kLive, {c.org_code, now});
  session.Query(kLiveName, {c.org_code, c.name, now});
  session.Query(kLiveState, {c.state, c.org_code, now});
  session.Query(kLiveIndustry, {c.industry, c.org_code, now});
  session.Query(kLiveLevel, {c.level, c.org_code, now});
  session.Query(kLiveGrade, {c.value_grade, c.org_code, now});
  if (c.parent_id) {
    session.Query(kParent, {*c.parent_id});
  }
  session.Query(kEvents, {c.id});
}

}  // namespace mams::accounts
