#include "modules/accounts/accounts_schema.h"

#include "modules/accounts/common/reference_data.h"
#include "modules/accounts/customers/customer_service.h"
#include "node/common/ids.h"
#include "node/storage/migrations.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

// The sync columns every business row carries (docs/architecture.md, "Sync-ready rows").
#define MAMS_SYNC_COLUMNS                                                       \
  " org_code VARCHAR(32) NOT NULL, owner_node VARCHAR(64) NOT NULL,"            \
  " version BIGINT NOT NULL DEFAULT 1, updated_at VARCHAR(32) NOT NULL,"        \
  " deleted INTEGER NOT NULL DEFAULT 0"

constexpr const char* kStatements[] = {
    "CREATE TABLE IF NOT EXISTS industries ("
    " code CHAR(1) NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL, name_en VARCHAR(128) NOT NULL)",
    "CREATE TABLE IF NOT EXISTS customers ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, customer_no VARCHAR(32) NOT NULL,"
    " name VARCHAR(200) NOT NULL, credit_code CHAR(18), industry CHAR(1) NOT NULL,"
    " level VARCHAR(16) NOT NULL, state VARCHAR(16) NOT NULL, state_changed_at VARCHAR(32) NOT NULL,"
    " value_grade CHAR(1) NOT NULL DEFAULT 'D', relationship_grade VARCHAR(16),"
    " revenue_12m BIGINT NOT NULL DEFAULT 0, parent_id VARCHAR(36),"
    " address VARCHAR(500) NOT NULL DEFAULT '', tags VARCHAR(500) NOT NULL DEFAULT '',"
    " remarks TEXT, merged_into VARCHAR(36), created_at VARCHAR(32) NOT NULL,"
    " created_by VARCHAR(64) NOT NULL," MAMS_SYNC_COLUMNS ","
    " CONSTRAINT uq_customers_no UNIQUE (customer_no),"
    " CONSTRAINT uq_customers_credit UNIQUE (credit_code))",
    // The list filters all start from the caller's orgs; each index pairs org with one filter.
    "CREATE INDEX idx_customers_org_state ON customers (org_code, state)",
    "CREATE INDEX idx_customers_org_industry ON customers (org_code, industry)",
    "CREATE INDEX idx_customers_org_grade ON customers (org_code, value_grade)",
    "CREATE INDEX idx_customers_org_level ON customers (org_code, level)",
    "CREATE INDEX idx_customers_org_name ON customers (org_code, name)",
    "CREATE INDEX idx_customers_parent ON customers (parent_id)",
    "CREATE TABLE IF NOT EXISTS customer_managers ("
    " customer_id VARCHAR(36) NOT NULL, user_id VARCHAR(36) NOT NULL,"
    " PRIMARY KEY (customer_id, user_id))",
    "CREATE INDEX idx_customer_managers_user ON customer_managers (user_id)",
    "CREATE TABLE IF NOT EXISTS customer_state_changes ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, customer_id VARCHAR(36) NOT NULL,"
    " from_state VARCHAR(16) NOT NULL, to_state VARCHAR(16) NOT NULL,"
    " reason VARCHAR(500) NOT NULL, changed_at VARCHAR(32) NOT NULL, changed_by VARCHAR(64) NOT NULL,"
    MAMS_SYNC_COLUMNS ")",
    "CREATE INDEX idx_state_changes_customer ON customer_state_changes (customer_id, changed_at)",
    "CREATE TABLE IF NOT EXISTS contacts ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, customer_id VARCHAR(36) NOT NULL,"
    " name VARCHAR(100) NOT NULL, role VARCHAR(32) NOT NULL, title VARCHAR(100) NOT NULL DEFAULT '',"
    " mobile VARCHAR(32) NOT NULL DEFAULT '', phone VARCHAR(32) NOT NULL DEFAULT '',"
    " email VARCHAR(128) NOT NULL DEFAULT '', id_number VARCHAR(32) NOT NULL DEFAULT '',"
    " birthday VARCHAR(10), preferred_channel VARCHAR(16) NOT NULL DEFAULT 'phone',"
    " remarks VARCHAR(500) NOT NULL DEFAULT ''," MAMS_SYNC_COLUMNS ")",
    "CREATE INDEX idx_contacts_customer ON contacts (customer_id)",
    "CREATE TABLE IF NOT EXISTS visits ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, customer_id VARCHAR(36) NOT NULL,"
    " visit_date VARCHAR(10) NOT NULL, staff_user_id VARCHAR(36) NOT NULL,"
    " staff_name VARCHAR(128) NOT NULL, type VARCHAR(16) NOT NULL, content TEXT NOT NULL,"
    " follow_up VARCHAR(1000) NOT NULL DEFAULT ''," MAMS_SYNC_COLUMNS ")",
    "CREATE INDEX idx_visits_customer ON visits (customer_id, visit_date)",
    "CREATE TABLE IF NOT EXISTS revenue_facts ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, customer_id VARCHAR(36) NOT NULL,"
    " product VARCHAR(64) NOT NULL, month CHAR(7) NOT NULL, amount BIGINT NOT NULL,"
    " arrears BIGINT NOT NULL DEFAULT 0," MAMS_SYNC_COLUMNS ","
    " CONSTRAINT uq_revenue UNIQUE (customer_id, product, month))",
    "CREATE INDEX idx_revenue_month ON revenue_facts (month)",
    "CREATE TABLE IF NOT EXISTS grading_rules ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, a_min BIGINT NOT NULL, b_min BIGINT NOT NULL,"
    " c_min BIGINT NOT NULL," MAMS_SYNC_COLUMNS ")",
    "CREATE INDEX idx_grading_rules_org ON grading_rules (org_code)",
};

// Managers become sync rows of their own (id, tombstones) and every customer change leaves an
// event that travels with the customer, so a higher level sees the same timeline.
constexpr const char* kManagerAndEventTables[] = {
    "CREATE TABLE IF NOT EXISTS customer_managers ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, customer_id VARCHAR(36) NOT NULL,"
    " user_id VARCHAR(36) NOT NULL," MAMS_SYNC_COLUMNS ","
    " CONSTRAINT uq_customer_manager UNIQUE (customer_id, user_id))",
    "CREATE INDEX idx_customer_managers_user ON customer_managers (user_id, deleted)",
    "CREATE TABLE IF NOT EXISTS customer_events ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, customer_id VARCHAR(36) NOT NULL,"
    " at VARCHAR(32) NOT NULL, actor VARCHAR(64) NOT NULL, action VARCHAR(48) NOT NULL,"
    " summary VARCHAR(500) NOT NULL DEFAULT '', changes TEXT," MAMS_SYNC_COLUMNS ")",
    "CREATE INDEX idx_customer_events_customer ON customer_events (customer_id, at)",
    "CREATE INDEX idx_customers_org_credit ON customers (org_code, credit_code)",
    "CREATE INDEX idx_contacts_org ON contacts (org_code)",
    // Import runs are this node's operational records (like sessions), not synced.
    "CREATE TABLE IF NOT EXISTS import_jobs ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, kind VARCHAR(16) NOT NULL, mode VARCHAR(8) NOT NULL,"
    " status VARCHAR(16) NOT NULL, org_code VARCHAR(32) NOT NULL, user_id VARCHAR(36) NOT NULL,"
    " username VARCHAR(64) NOT NULL, created_at VARCHAR(32) NOT NULL,"
    " finished_at VARCHAR(32), encoding VARCHAR(16) NOT NULL DEFAULT '',"
    " rows_total BIGINT NOT NULL DEFAULT 0, rows_ok BIGINT NOT NULL DEFAULT 0,"
    " rows_rejected BIGINT NOT NULL DEFAULT 0, report LONGTEXT, rejected_csv LONGTEXT)",
    "CREATE INDEX idx_import_jobs_org ON import_jobs (org_code, created_at)",
};

constexpr char kInsertIndustry[] = "INSERT INTO industries (code, name, name_en) VALUES (?, ?, ?)";
constexpr char kInsertManagerRow[] =
    "INSERT INTO customer_managers (id, customer_id, user_id, org_code, owner_node, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?)";

#undef MAMS_SYNC_COLUMNS

// Rebuilds customer_managers with sync columns, keeping the assignments.
void MakeManagersSyncRows(storage::Session& session) {
  const auto rows = session.Query(
      "SELECT m.customer_id, m.user_id, c.org_code, c.owner_node, c.updated_at"
      " FROM customer_managers m JOIN customers c ON c.id = m.customer_id");
  std::vector<storage::SqlParams> kept;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    kept.push_back({StableRowId("customer_manager:" + rows[i].Text(0) + ":" + rows[i].Text(1)),
                    rows[i].Text(0), rows[i].Text(1), rows[i].Text(2), rows[i].Text(3),
                    rows[i].Text(4)});
  }
  session.ExecuteRaw("DROP TABLE customer_managers");
  storage::RunSchema(session, kManagerAndEventTables);
  for (const auto& params : kept) {
    session.Execute(kInsertManagerRow, params);
  }
}

// Near-duplicate names are equal name keys within one org (see NormaliseCompanyName).
void AddNameKey(storage::Session& session) {
  session.ExecuteRaw("ALTER TABLE customers ADD COLUMN name_key VARCHAR(200) NOT NULL DEFAULT ''");
  session.ExecuteRaw("CREATE INDEX idx_customers_org_name_key ON customers (org_code, name_key)");
  const auto rows = session.Query("SELECT id, name FROM customers");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    session.Execute("UPDATE customers SET name_key = ? WHERE id = ?",
                    {NormaliseCompanyName(rows[i].Text(1)), rows[i].Text(0)});
  }
}

// List indexes: one per filter, each starting with (deleted, filter, org_code) so that live
// rows with the filter's value are one range for a caller who sees the whole tree and one
// range per org otherwise; then the default sort key and the other low-cardinality filters,
// so that counting and paging any combination of them reads index entries only and a page
// reads just its own rows (bench/history/, the customers list figures).
constexpr const char* kOldListIndexes[] = {"idx_customers_org_state", "idx_customers_org_industry",
                                           "idx_customers_org_grade", "idx_customers_org_level",
                                           "idx_customers_org_name", "idx_customers_org_credit"};
constexpr const char* kListIndexes[] = {
    "CREATE INDEX idx_customers_live ON customers (deleted, org_code, updated_at, id)",
    "CREATE INDEX idx_customers_live_state ON customers"
    " (deleted, state, org_code, updated_at, id, industry, level, value_grade)",
    "CREATE INDEX idx_customers_live_industry ON customers"
    " (deleted, industry, org_code, updated_at, id, state, level, value_grade)",
    "CREATE INDEX idx_customers_live_level ON customers"
    " (deleted, level, org_code, updated_at, id, state, industry, value_grade)",
    "CREATE INDEX idx_customers_live_grade ON customers"
    " (deleted, value_grade, org_code, updated_at, id, state, industry, level)",
    // Name substrings cannot seek a b-tree, but scanning this index reads far less than the
    // table.
    "CREATE INDEX idx_customers_live_name ON customers (deleted, org_code, name, updated_at, id)",
};

// Lists in sort order for a caller who sees the whole tree: the default sort and the name
// sort read their page straight from these (then stop), where the per-org indexes above
// made both backends sort every live row first (docs/search.md, "Query plans of lists").
// Keyset pages seek into the same ranges.
constexpr const char* kSortedListIndexes[] = {
    "CREATE INDEX idx_customers_live_recent ON customers (deleted, updated_at, id)",
    "CREATE INDEX idx_customers_live_by_name ON customers (deleted, name, id)",
};

void RebuildListIndexes(storage::Session& session) {
  for (const char* index : kOldListIndexes) {
    session.ExecuteRaw(session.dialect().DropIndex(index, "customers"));
  }
  for (const char* index : kListIndexes) {
    session.ExecuteRaw(index);
  }
}

}  // namespace

void RefreshCustomerStatistics(storage::Session& session) {
  const std::string statement = session.dialect().RefreshStatistics("customers");
  if (!statement.empty()) {
    session.ExecuteRaw(statement);
  }
}

std::vector<storage::Migration> AccountsMigrations() {
  return {
      {1, "customers, managers, state history, contacts, visits, revenue, grading rules",
       [](storage::Session& session) { storage::RunSchema(session, kStatements); }},
      {2, "GB/T 4754-2017 industry sections A-T",
       [](storage::Session& session) {
         for (const auto& section : IndustrySections()) {
           session.Execute(kInsertIndustry, {std::string(1, section.code),
                                             std::string(section.name),
                                             std::string(section.name_en)});
         }
       }},
      {3, "managers as sync rows, customer events (history timeline), import jobs",
       MakeManagersSyncRows},
      {4, "name_key: the company name without suffixes, for duplicate reports", AddNameKey},
      {5, "covering list indexes over live rows", RebuildListIndexes},
      {6, "sync bookkeeping: version_node, base_version, rows by version",
       [](storage::Session& session) {
         // The sync tables as of this step (later tables are created with the columns).
         for (const char* table : {"customers", "customer_managers", "customer_events",
                                   "customer_state_changes", "contacts", "visits",
                                   "revenue_facts", "grading_rules"}) {
           storage::AddSyncVersionColumns(session, table);
         }
       }},
      // Every read of a customer gathers its live managers: with deleted and user_id in the
      // index that is one range of index entries, not an index entry and then the row.
      {7, "managers by customer from index entries alone",
       [](storage::Session& session) {
         session.ExecuteRaw(
             "CREATE INDEX idx_customer_managers_customer"
             " ON customer_managers (customer_id, deleted, user_id)");
       }},
      {8, "whole-tree lists in sort order",
       [](storage::Session& session) { storage::RunSchema(session, kSortedListIndexes); }},
  };
}

}  // namespace mams::accounts
