#include "modules/accounts/customers/customer_repository.h"

#include <algorithm>
#include <map>

#include "modules/accounts/customers/customer_entities.h"
#include "modules/search/api/search_index.h"
#include "node/auth/data_scope.h"
#include "node/auth/principal.h"
#include "node/entity/entity_query.h"
#include "node/entity/list_window.h"
#include "node/storage/dialect.h"
#include "node/storage/like_pattern.h"

namespace mams::accounts {
namespace {

// One customer with its managers in the same statement (one read instead of two); the
// managers follow the declared columns.
const std::string& SelectWithManagers() {
  static const std::string sql = "SELECT " + CustomerEntity().shape().ColumnList() +
                                 ", (SELECT GROUP_CONCAT(m.user_id) FROM customer_managers m"
                                 "  WHERE m.customer_id = customers.id AND m.deleted = 0)"
                                 " FROM customers";
  return sql;
}
std::size_t ManagersColumn() { return CustomerEntity().shape().Columns().size(); }

constexpr char kManagedBy[] =
    " AND id IN (SELECT customer_id FROM customer_managers WHERE user_id = ? AND deleted = 0)";

// Customers in the search index, and how many matches a list names by id at the most.
constexpr char kSearchKind[] = "customer";
// The most matches of the search box a list reads from the index (docs/search.md, "Lists").
constexpr std::size_t kSearchIdsListed = 500;

// The managers of a page of customers in one query instead of one per customer.
void LoadManagers(storage::Session& session, std::vector<CustomerRecord>* customers) {
  if (customers->empty()) {
    return;
  }
  storage::SqlParams ids;
  std::map<std::string, CustomerRecord*> by_id;
  for (auto& customer : *customers) {
    ids.emplace_back(customer.id);
    by_id[customer.id] = &customer;
  }
  const auto rows = session.Query(
      "SELECT customer_id, user_id FROM customer_managers WHERE customer_id IN (" +
          storage::Placeholders(ids.size()) + ") AND deleted = 0 ORDER BY customer_id, user_id",
      ids);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    by_id.at(rows[i].Text(0))->managers.push_back(rows[i].Text(1));
  }
}

// Limits a customer query to the caller's orgs. A caller who sees the whole tree needs no
// condition; the IN list of every org would only steer the planner to an org index.
std::string ScopeCondition(const auth::DataScope& scope, storage::SqlParams* params) {
  return scope.IsWholeTree() ? "1 = 1" : scope.SqlCondition("org_code", params);
}

// WHERE clause for visibility: scope orgs, live rows, own customers when required.
std::string VisibleWhere(const CustomerVisibility& visibility, storage::SqlParams* params) {
  std::string where = " WHERE deleted = 0 AND " + ScopeCondition(visibility.scope, params);
  if (visibility.only_managed_by) {
    where += kManagedBy;
    params->emplace_back(*visibility.only_managed_by);
  }
  return where;
}

// What the search box found: how many of the caller's customers, and whether it stopped
// before every match (more than kSearchIdsListed, or the index scan's own bound).
struct SearchBoxFound {
  std::size_t ids = 0;
  bool cut = false;
};

// The search box, through the search index (docs/search.md): the matches by id, at most
// kSearchIdsListed of them (a query that matches more lists those the index found first).
std::string SearchBoxCondition(storage::Session& session, const auth::DataScope& scope,
                               const std::string& text, storage::SqlParams* params,
                               SearchBoxFound* box) {
  const auto found =
      search::FindIds(session, kSearchKind, search::PlanQuery(text), scope, kSearchIdsListed);
  box->ids = found.ids.size();
  box->cut = found.more || found.scan_cut;
  if (found.ids.empty()) {
    return "1 = 0";
  }
  params->insert(params->end(), found.ids.begin(), found.ids.end());
  return "id IN (" + storage::Placeholders(found.ids.size()) + ")";
}

}  // namespace

std::string CustomerRepository::VisibleCustomerCondition(const CustomerVisibility& visibility,
                                                         const char* customer_id_column,
                                                         storage::SqlParams* params) {
  return "EXISTS (SELECT 1 FROM customers" + VisibleWhere(visibility, params) +
         " AND id = " + customer_id_column + ")";
}

std::string CustomerRepository::LiveVisibleWhere(const CustomerVisibility& visibility,
                                                storage::SqlParams* params) {
  return VisibleWhere(visibility, params);
}

CustomerVisibility CustomerVisibility::Of(const auth::DataScope& scope,
                                          const auth::Principal& principal) {
  CustomerVisibility visibility{scope, std::nullopt};
  if (principal.own_records_only) {
    visibility.only_managed_by = principal.user_id;
  }
  return visibility;
}

std::string JoinTags(const std::vector<std::string>& tags) { return entity::JoinList(tags); }

std::vector<std::string> SplitTags(std::string_view stored) { return entity::SplitList(stored); }

bool CustomerVisibility::Sees(const CustomerRecord& customer) const {
  return scope.Allows(customer.org_code) &&
         (!only_managed_by || std::find(customer.managers.begin(), customer.managers.end(),
                                        *only_managed_by) != customer.managers.end());
}

// One row by a unique key with its managers, whoever asks.
static std::optional<CustomerRecord> FindOne(storage::Session& session, std::string_view sql,
                                             const std::string& key) {
  std::optional<CustomerRecord> customer;
  session.QueryRows(sql, {key}, [&customer](const storage::RowView& row) {
    CustomerEntity().Read(row, &customer.emplace());
    // User ids are UUIDs, so the comma of GROUP_CONCAT cannot occur inside one.
    customer->managers = SplitTags(row.Text(ManagersColumn()));
  });
  if (customer) {
    std::sort(customer->managers.begin(), customer->managers.end());
  }
  return customer;
}

// One row by a unique key, then visibility checked here: a primary-key lookup instead of a
// query carrying the whole scope as an IN list (measured: bench/RESULTS.md, get by id).
static std::optional<CustomerRecord> FindVisible(storage::Session& session,
                                                 const CustomerVisibility& visibility,
                                                 std::string_view sql, const std::string& key) {
  auto customer = FindOne(session, sql, key);
  if (!customer || !visibility.Sees(*customer)) {
    return std::nullopt;
  }
  return customer;
}

// Put together once: the statement cache finds it by its text on every read.
static const std::string& FindByIdSql() {
  static const std::string sql = SelectWithManagers() + " WHERE id = ? AND deleted = 0";
  return sql;
}

std::optional<CustomerRecord> CustomerRepository::Find(storage::Session& session,
                                                       const CustomerVisibility& visibility,
                                                       const std::string& id) {
  return FindVisible(session, visibility, FindByIdSql(), id);
}

std::optional<CustomerRecord> CustomerRepository::FindUnscoped(storage::Session& session,
                                                               const std::string& id) {
  return FindOne(session, FindByIdSql(), id);
}

// Whether the search box is the list's only filter (a filter added to CustomerFilter is
// added here too).
static bool OnlyTheSearchBox(const CustomerFilter& f) {
  for (const auto* other : {&f.name, &f.credit_code, &f.customer_no, &f.org, &f.manager,
                            &f.industry, &f.state, &f.level, &f.value_grade,
                            &f.relationship_grade, &f.tag, &f.parent_id, &f.name_key}) {
    if (*other) {
      return false;
    }
  }
  return f.search.has_value();
}

// " WHERE …" of the visible live customers that pass `filter`, its values in `params`;
// `box`, when given, gets what the search box found.
// The org filter narrows what the index is asked for, so that its first 500 matches are
// the org's and not the whole scope's.
static auth::DataScope SearchedScope(const CustomerVisibility& visibility,
                                     const CustomerFilter& filter) {
  return filter.org ? visibility.scope.Narrowed(*filter.org) : visibility.scope;
}

static std::string FilterWhere(storage::Session& session, const CustomerVisibility& visibility,
                               const CustomerFilter& filter, storage::SqlParams* params,
                               SearchBoxFound* box = nullptr) {
  std::string where = VisibleWhere(visibility, params);
  auto equal = [&](const std::optional<std::string>& value, const char* column) {
    if (value) {
      where += std::string(" AND ") + column + " = ?";
      params->emplace_back(*value);
    }
  };
  equal(filter.credit_code, "credit_code");
  equal(filter.customer_no, "customer_no");
  equal(filter.industry, "industry");
  equal(filter.state, "state");
  equal(filter.level, "level");
  equal(filter.value_grade, "value_grade");
  equal(filter.relationship_grade, "relationship_grade");
  equal(filter.parent_id, "parent_id");
  equal(filter.name_key, "name_key");
  // The user's text literally: a `%` or `_` in a name filter is not a wildcard.
  if (filter.name) {
    where += std::string(" AND name LIKE ?") + storage::kLikeEscape;
    params->emplace_back(storage::LikeContaining(*filter.name));
  }
  if (filter.search) {
    SearchBoxFound found;
    where += " AND " + SearchBoxCondition(session, SearchedScope(visibility, filter),
                                          *filter.search, params, &found);
    if (box != nullptr) {
      *box = found;
    }
  }
  if (filter.tag) {
    where += std::string(" AND tags LIKE ?") + storage::kLikeEscape;
    params->emplace_back(storage::LikeContaining("," + *filter.tag + ","));
  }
  if (filter.manager) {
    where += kManagedBy;
    params->emplace_back(*filter.manager);
  }
  if (filter.org) {
    // Narrows within the caller's scope: the org and everything below it.
    where += " AND " + ScopeCondition(visibility.scope.Narrowed(*filter.org), params);
  }
  return where;
}

// The rows of a page of ids, in the ids' order, with their managers. The page comes in two
// steps: ids in order (from index entries alone where an index covers the filters), then
// only those rows.
static std::vector<CustomerRecord> ReadPage(storage::Session& session,
                                            const std::vector<std::string>& page) {
  if (page.empty()) {
    return {};
  }
  storage::SqlParams ids;
  std::map<std::string, std::size_t, std::less<>> position;  // finds a string_view
  for (std::size_t i = 0; i < page.size(); ++i) {
    ids.emplace_back(page[i]);
    position[page[i]] = i;
  }
  std::vector<CustomerRecord> customers(page.size());
  const auto& entity = CustomerEntity();
  session.QueryRows(entity.SelectSql() + " WHERE id IN (" + storage::Placeholders(ids.size()) + ")", ids,
                    [&](const storage::RowView& row) {
                      const auto at = position.find(row.Text(0));  // id is declared first
                      if (at != position.end()) {  // it is: the ids came from the page
                        entity.Read(row, &customers[at->second]);
                      }
                    });
  // A row deleted between the two statements leaves a gap; the page is just shorter.
  customers.erase(std::remove_if(customers.begin(), customers.end(),
                                 [](const CustomerRecord& c) { return c.id.empty(); }),
                  customers.end());
  LoadManagers(session, &customers);
  return customers;
}

std::vector<CustomerRecord> CustomerRepository::List(storage::Session& session,
                                                     const CustomerVisibility& visibility,
                                                     const CustomerFilter& filter,
                                                     const std::string& order_by, int limit,
                                                     int offset, std::int64_t* total) {
  storage::SqlParams params;
  const std::string where = FilterWhere(session, visibility, filter, &params);
  *total = session.Query("SELECT COUNT(*) FROM customers" + where, params).ScalarInt();
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  const auto rows = session.Query(
      "SELECT id FROM customers" + where + " ORDER BY " + order_by + " LIMIT ? OFFSET ?", params);
  std::vector<std::string> page;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    page.push_back(rows[i].Text(0));
  }
  return ReadPage(session, page);
}

CustomerPage CustomerRepository::Page(storage::Session& session,
                                      const CustomerVisibility& visibility,
                                      const CustomerFilter& filter,
                                      const entity::ListWindow& window, std::int64_t count_bound) {
  storage::SqlParams params;
  SearchBoxFound box;
  std::string from = "FROM customers";
  CustomerFilter others = filter;
  if (filter.search) {
    // The search box's matches first, by id (at most 500), then the other conditions on
    // those rows. Asked all at once, SQLite walked the whole updated_at index checking each
    // row against the list: 126 ms at 10⁶ with its pages cached, 860 ms without (4.5 and
    // 51 ms this way). The LIMIT keeps the subquery from being merged into the query.
    const std::string matched = SearchBoxCondition(session, SearchedScope(visibility, filter),
                                                   *filter.search, &params, &box);
    from = "FROM (SELECT * FROM customers WHERE " + matched + " LIMIT " +
           std::to_string(std::max<std::size_t>(box.ids, 1)) + ") customers";
    others.search.reset();
  }
  const std::string from_where = from + FilterWhere(session, visibility, others, &params);
  // The index holds live customers only, each under its org, and FindIds kept those in
  // scope: with no other filter its matches are the list's, and need no second count.
  std::optional<entity::ListTotal> known;
  if (OnlyTheSearchBox(filter) && !visibility.only_managed_by) {
    known = entity::ListTotal{static_cast<std::int64_t>(box.ids), !box.cut};
  }
  entity::IdPage ids = entity::PageIds(session, from_where, params, window, count_bound, known);
  // The rows the list could read are all counted, but the search box matched more.
  ids.total.exact = ids.total.exact && !box.cut;
  return {ReadPage(session, ids.ids), ids.total, std::move(ids.next)};
}

std::optional<CustomerRecord> CustomerRepository::FindByCustomerNo(
    storage::Session& session, const CustomerVisibility& visibility,
    const std::string& customer_no) {
  static const std::string sql = SelectWithManagers() + " WHERE customer_no = ? AND deleted = 0";
  return FindVisible(session, visibility, sql, customer_no);
}

std::optional<CustomerRecord> CustomerRepository::FindByCreditCode(storage::Session& session,
                                                                   const std::string& credit_code) {
  std::optional<CustomerRecord> customer;
  session.QueryRows(CustomerEntity().SelectSql() + " WHERE credit_code = ?", {credit_code},
                    [&customer](const storage::RowView& row) {
                      CustomerEntity().Read(row, &customer.emplace());
                    });
  return customer;
}

bool CustomerRepository::CustomerNoTaken(storage::Session& session,
                                         const std::string& customer_no) {
  return session.Query("SELECT COUNT(*) FROM customers WHERE customer_no = ?", {customer_no})
             .ScalarInt() > 0;
}

std::vector<std::string> CustomerRepository::IdsInScope(storage::Session& session,
                                                        const auth::DataScope& scope,
                                                        const std::string& after, int limit) {
  storage::SqlParams params;
  const std::string where =
      " WHERE deleted = 0 AND " + ScopeCondition(scope, &params) + " AND id > ?";
  params.emplace_back(after);
  params.emplace_back(std::int64_t{limit});
  const auto rows =
      session.Query("SELECT id FROM customers" + where + " ORDER BY id LIMIT ?", params);
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ids.push_back(rows[i].Text(0));
  }
  return ids;
}

std::vector<CustomerRepository::DuplicateGroup> CustomerRepository::DuplicateGroups(
    storage::Session& session, const CustomerVisibility& visibility,
    const std::optional<std::string>& org, int limit, int offset, std::int64_t* total) {
  storage::SqlParams params;
  std::string where = VisibleWhere(visibility, &params) + " AND name_key <> ''";
  if (org) {
    where += " AND " + ScopeCondition(visibility.scope.Narrowed(*org), &params);
  }
  const std::string groups = "SELECT org_code, name_key, COUNT(*) AS n FROM customers" + where +
                             " GROUP BY org_code, name_key HAVING COUNT(*) > 1";
  *total = session.Query("SELECT COUNT(*) FROM (" + groups + ") g", params).ScalarInt();
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  const auto rows =
      session.Query(groups + " ORDER BY n DESC, org_code, name_key LIMIT ? OFFSET ?", params);
  std::vector<DuplicateGroup> result;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    result.push_back({rows[i].Text(0), rows[i].Text(1), rows[i].Int(2)});
  }
  return result;
}

std::vector<StateChange> CustomerRepository::StateChanges(storage::Session& session,
                                                          const std::string& customer_id) {
  const auto& entity = StateChangeEntity();
  return entity::ReadAll(session, entity,
                         entity.SelectSql() +
                             " WHERE customer_id = ? AND deleted = 0"
                             " ORDER BY changed_at DESC, id DESC",
                         {customer_id});
}

}  // namespace mams::accounts
