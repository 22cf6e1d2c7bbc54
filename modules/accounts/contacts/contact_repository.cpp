#include "modules/accounts/contacts/contact_repository.h"

#include "modules/accounts/contacts/contact_entities.h"
#include "node/entity/entity_query.h"
#include "node/storage/like_pattern.h"

namespace mams::accounts {
namespace {

constexpr char kLiveOf[] = " WHERE customer_id = ? AND deleted = 0";
constexpr char kById[] = "id = ?";

// The WHERE clause of the live rows whose customer (`customer_column`) the caller sees; its
// values go first into `params`.
std::string LiveAndVisible(const CustomerVisibility& visibility, const char* customer_column,
                           storage::SqlParams* params) {
  return " WHERE deleted = 0 AND " +
         CustomerRepository::VisibleCustomerCondition(visibility, customer_column, params);
}

// One page of the rows of `table` that `where` selects, in `order_by`; `total` in all.
template <typename Record>
std::vector<Record> PageOfRows(storage::Session& session, const entity::Entity<Record>& entity,
                               const std::string& table, const std::string& where,
                               storage::SqlParams params, const std::string& order_by, int limit,
                               int offset, std::int64_t* total) {
  *total = session.Query("SELECT COUNT(*) FROM " + table + where, params).ScalarInt();
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  return entity::ReadAll(session, entity,
                         entity.SelectSql() + where + order_by + " LIMIT ? OFFSET ?", params);
}

}  // namespace

template <typename Record>
CustomerChildRows<Record>::CustomerChildRows(const entity::Entity<Record>& entity,
                                             const entity::SyncedTable& table,
                                             std::vector<std::string> edit_columns)
    : entity_(entity),
      edit_columns_(std::move(edit_columns)),
      insert_(table.InsertAll(entity.shape(), {"owner_node"})),
      update_(table.Update(edit_columns_, kById)),
      tombstone_(table.Tombstone({"updated_at"}, kById)) {}

template <typename Record>
std::optional<Record> CustomerChildRows<Record>::Find(storage::Session& session,
                                                      const std::string& customer_id,
                                                      const std::string& id) const {
  return entity::ReadFirst(session, entity_, entity_.SelectSql() + kLiveOf + " AND id = ?",
                           {customer_id, id});
}

template <typename Record>
void CustomerChildRows<Record>::Insert(storage::Session& session, const Record& record,
                                       const std::string& owner_node) const {
  storage::SqlParams values = entity_.WrittenValues(record);
  values.emplace_back(owner_node);
  insert_.Run(session, std::move(values));
}

template <typename Record>
void CustomerChildRows<Record>::Update(storage::Session& session, const Record& record) const {
  storage::SqlParams values = entity_.Values(record, edit_columns_);
  values.emplace_back(record.id);  // for `WHERE id = ?`
  update_.Run(session, std::move(values));
}

template <typename Record>
void CustomerChildRows<Record>::Delete(storage::Session& session, const std::string& id,
                                       const std::string& updated_at) const {
  tombstone_.Run(session, {updated_at, id});
}

template class CustomerChildRows<ContactRecord>;
template class CustomerChildRows<VisitRecord>;

const CustomerChildRows<ContactRecord>& ContactRepository::Contacts() {
  static const CustomerChildRows<ContactRecord> rows(
      ContactEntity(), ContactTable(),
      {"name", "role", "title", "mobile", "phone", "email", "id_number", "birthday",
       "preferred_channel", "remarks", "updated_at"});
  return rows;
}

const CustomerChildRows<VisitRecord>& ContactRepository::Visits() {
  static const CustomerChildRows<VisitRecord> rows(
      VisitEntity(), VisitTable(), {"visit_date", "type", "content", "follow_up", "updated_at"});
  return rows;
}

std::vector<ContactRecord> ContactRepository::ListContacts(storage::Session& session,
                                                           const std::string& customer_id) {
  return entity::ReadAll(session, ContactEntity(),
                         ContactEntity().SelectSql() + kLiveOf + " ORDER BY name, id",
                         {customer_id});
}

std::vector<VisitRecord> ContactRepository::ListVisits(storage::Session& session,
                                                       const std::string& customer_id, int limit,
                                                       int offset, std::int64_t* total) {
  return PageOfRows(session, VisitEntity(), "visits", kLiveOf, {customer_id},
                    " ORDER BY visit_date DESC, id DESC", limit, offset, total);
}

std::vector<ContactRecord> ContactRepository::SearchContacts(storage::Session& session,
                                                             const CustomerVisibility& visibility,
                                                             const std::optional<std::string>& name,
                                                             const std::optional<std::string>& role,
                                                             int limit, int offset,
                                                             std::int64_t* total) {
  storage::SqlParams params;
  std::string where = LiveAndVisible(visibility, "contacts.customer_id", &params);
  if (name) {
    where += std::string(" AND name LIKE ?") + storage::kLikeEscape;
    params.emplace_back(storage::LikeContaining(*name));
  }
  if (role) {
    where += " AND role = ?";
    params.emplace_back(*role);
  }
  return PageOfRows(session, ContactEntity(), "contacts", where, std::move(params),
                    " ORDER BY name, id", limit, offset, total);
}

std::vector<VisitRecord> ContactRepository::SearchVisits(storage::Session& session,
                                                         const CustomerVisibility& visibility,
                                                         const std::optional<std::string>& from,
                                                         const std::optional<std::string>& to,
                                                         const std::optional<std::string>& type,
                                                         bool newest_first, int limit, int offset,
                                                         std::int64_t* total) {
  storage::SqlParams params;
  std::string where = LiveAndVisible(visibility, "visits.customer_id", &params);
  if (from) {
    where += " AND visit_date >= ?";
    params.emplace_back(*from);
  }
  if (to) {
    where += " AND visit_date <= ?";
    params.emplace_back(*to);
  }
  if (type) {
    where += " AND type = ?";
    params.emplace_back(*type);
  }
  return PageOfRows(
      session, VisitEntity(), "visits", where, std::move(params),
      newest_first ? " ORDER BY visit_date DESC, id DESC" : " ORDER BY visit_date, id", limit,
      offset, total);
}

}  // namespace mams::accounts
