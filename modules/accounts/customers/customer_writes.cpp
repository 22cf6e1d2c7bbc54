#include <map>
#include <set>

#include "modules/accounts/customers/company_name.h"
#include "modules/accounts/customers/customer_entities.h"
#include "modules/accounts/customers/customer_repository.h"
#include "node/common/ids.h"

// The writes of CustomerRepository: each through a SyncedTable statement, so every row
// carries the transaction's version stamp.
namespace mams::accounts {
namespace {

constexpr char kSelectAllManagerRows[] =
    "SELECT user_id, deleted FROM customer_managers WHERE customer_id = ?";
constexpr char kById[] = "id = ?";
constexpr char kOfCustomer[] = "customer_id = ?";

// What an update writes: every declared column but the key and what never changes, and the
// derived name_key.
const std::vector<std::string>& UpdateColumns() {
  static const std::vector<std::string> columns = {"name",
                                                   "credit_code",
                                                   "industry",
                                                   "level",
                                                   "org_code",
                                                   "state",
                                                   "state_changed_at",
                                                   "value_grade",
                                                   "relationship_grade",
                                                   "revenue_12m",
                                                   "parent_id",
                                                   "address",
                                                   "tags",
                                                   "remarks",
                                                   "merged_into",
                                                   "updated_at"};
  return columns;
}

const entity::SyncedTable& ManagerTable() {
  static const entity::SyncedTable table("customer_managers");
  return table;
}

const entity::SyncedStatement& InsertManager() {
  static const auto insert = ManagerTable().Insert(
      {"id", "customer_id", "user_id", "org_code", "owner_node", "updated_at"});
  return insert;
}

// The tables whose rows follow their customer to a new org, and to a merge's survivor.
constexpr const char* kMovedWithCustomer[] = {
    "contacts",       "visits", "revenue_facts", "customer_managers", "customer_state_changes",
    "customer_events"};
constexpr const char* kReassignedOnMerge[] = {"contacts", "visits", "customer_state_changes",
                                              "customer_events"};

}  // namespace

void CustomerRepository::Insert(storage::Session& session, const CustomerRecord& c,
                                const std::string& owner_node) {
  static const auto insert =
      CustomerTable().InsertAll(CustomerEntity().shape(), {"owner_node", "name_key"});
  storage::SqlParams values = CustomerEntity().WrittenValues(c);
  values.insert(values.end(), {owner_node, NormaliseCompanyName(c.name)});
  insert.Run(session, std::move(values));
  // A new customer has no manager rows yet: insert, no need to read what SetManagers diffs.
  const std::set<std::string> managers(c.managers.begin(), c.managers.end());
  for (const auto& user : managers) {
    InsertManager().Run(session, {StableRowId("customer_manager:" + c.id + ":" + user), c.id, user,
                                  c.org_code, owner_node, c.updated_at});
  }
}

void CustomerRepository::Update(storage::Session& session, const CustomerRecord& c) {
  static const auto update = [] {
    std::vector<std::string> columns = UpdateColumns();
    columns.emplace_back("name_key");
    return CustomerTable().Update(columns, kById);
  }();
  storage::SqlParams values = CustomerEntity().Values(c, UpdateColumns());
  values.insert(values.end(), {NormaliseCompanyName(c.name), c.id});
  update.Run(session, std::move(values));
}

void CustomerRepository::MarkDeleted(storage::Session& session, const std::string& id,
                                     const std::string& updated_at) {
  static const auto tombstone = CustomerTable().Tombstone({"updated_at"}, kById);
  tombstone.Run(session, {updated_at, id});
}

void CustomerRepository::SetManagers(storage::Session& session, const CustomerRecord& customer,
                                     const std::string& owner_node) {
  static const auto set_deleted = ManagerTable().Update({"deleted", "org_code", "updated_at"},
                                                        "customer_id = ? AND user_id = ?");
  // Assignments are sync rows: removing one leaves a tombstone, re-adding revives it.
  std::map<std::string, bool> stored;  // user id -> deleted
  const auto rows = session.Query(kSelectAllManagerRows, {customer.id});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    stored[rows[i].Text(0)] = rows[i].Int(1) != 0;
  }
  const std::set<std::string> wanted(customer.managers.begin(), customer.managers.end());
  for (const auto& [user, deleted] : stored) {
    const bool keep = wanted.count(user) > 0;
    if (keep == deleted) {
      set_deleted.Run(session, {std::int64_t{keep ? 0 : 1}, customer.org_code, customer.updated_at,
                                customer.id, user});
    }
  }
  for (const auto& user : wanted) {
    if (stored.count(user) == 0) {
      InsertManager().Run(
          session, {StableRowId("customer_manager:" + customer.id + ":" + user), customer.id, user,
                    customer.org_code, owner_node, customer.updated_at});
    }
  }
}

void CustomerRepository::MoveChildren(storage::Session& session, const std::string& customer_id,
                                      const std::string& org_code, const std::string& updated_at) {
  static const auto statements = [] {
    std::vector<entity::SyncedStatement> moves;
    for (const char* table : kMovedWithCustomer) {
      moves.push_back(entity::SyncedTable(table).Update({"org_code", "updated_at"}, kOfCustomer));
    }
    return moves;
  }();
  for (const auto& statement : statements) {
    statement.Run(session, {org_code, updated_at, customer_id});
  }
}

void CustomerRepository::ReassignChildren(storage::Session& session, const std::string& from,
                                          const std::string& to, const std::string& org_code,
                                          const std::string& updated_at) {
  static const auto statements = [] {
    std::vector<entity::SyncedStatement> moves;
    for (const char* table : kReassignedOnMerge) {
      moves.push_back(entity::SyncedTable(table).Update({"customer_id", "org_code", "updated_at"},
                                                        kOfCustomer));
    }
    return moves;
  }();
  static const auto branches =
      CustomerTable().Update({"parent_id", "updated_at"}, "parent_id = ? AND deleted = 0");
  for (const auto& statement : statements) {
    statement.Run(session, {to, org_code, updated_at, from});
  }
  branches.Run(session, {to, updated_at, from});
}

void CustomerRepository::InsertStateChange(storage::Session& session,
                                           const CustomerRecord& customer, const std::string& from,
                                           const std::string& to, const std::string& reason,
                                           const std::string& by, const std::string& owner_node) {
  static const auto insert =
      entity::SyncedTable("customer_state_changes")
          .Insert({"id", "customer_id", "from_state", "to_state", "reason", "changed_at",
                   "changed_by", "org_code", "owner_node", "updated_at"});
  insert.Run(session, {NewRowId(), customer.id, from, to, reason, customer.state_changed_at, by,
                       customer.org_code, owner_node, customer.state_changed_at});
}

}  // namespace mams::accounts
