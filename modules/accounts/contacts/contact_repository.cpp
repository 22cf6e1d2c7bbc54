#include "modules/accounts/contacts/contact_repository.h"

#include "modules/accounts/contacts/contact_entities.h"
#include "node/entity/entity_query.h"
#include "node/storage/like_pattern.h"

namespace mams::accounts {
namespace {

constexpr char kLiveOf[] = " WHERE customer_id = ? AND deleted = 0";
constexpr char kById[] = "id = ?";

// An insert of the record's written columns and then the owner node.
template <typename Record>
void InsertOwned(storage::Session& session, const entity::SyncedStatement& insert,
                 const entity::Entity<Record>& entity, const Record& record,
                 const std::string& owner_node) {
  storage::SqlParams values = entity.WrittenValues(record);
  values.emplace_back(owner_node);
  insert.Run(session, std::move(values));
}

// A write's values with the row's key last, for `... WHERE id = ?`.
template <typename Record>
storage::SqlParams WithId(const entity::Entity<Record>& entity, const Record& record,
                          const std::vector<std::string>& columns) {
  storage::SqlParams values = entity.Values(record, columns);
  values.emplace_back(record.id);
  return values;
}

// What an edit may change; identity, owner and customer stay.
const std::vector<std::string>& ContactEditColumns() {
  static const std::vector<std::string> columns = {"name",      "role",      "title",
                                                   "mobile",    "phone",     "email",
                                                   "id_number", "birthday",  "preferred_channel",
                                                   "remarks",   "updated_at"};
  return columns;
}

const std::vector<std::string>& VisitEditColumns() {
  static const std::vector<std::string> columns = {"visit_date", "type", "content", "follow_up",
                                                   "updated_at"};
  return columns;
}

}  // namespace

std::vector<ContactRecord> ContactRepository::ListContacts(storage::Session& session,
                                                           const std::string& customer_id) {
  return entity::ReadAll(session, ContactEntity(),
                         ContactEntity().SelectSql() + kLiveOf + " ORDER BY name, id",
                         {customer_id});
}

std::optional<ContactRecord> ContactRepository::FindContact(storage::Session& session,
                                                            const std::string& customer_id,
                                                            const std::string& id) {
  return entity::ReadFirst(session, ContactEntity(),
                           ContactEntity().SelectSql() + kLiveOf + " AND id = ?",
                           {customer_id, id});
}

void ContactRepository::InsertContact(storage::Session& session, const ContactRecord& c,
                                      const std::string& owner_node) {
  static const auto insert = ContactTable().InsertAll(ContactEntity().shape(), {"owner_node"});
  InsertOwned(session, insert, ContactEntity(), c, owner_node);
}

void ContactRepository::UpdateContact(storage::Session& session, const ContactRecord& c) {
  static const auto update = ContactTable().Update(ContactEditColumns(), kById);
  update.Run(session, WithId(ContactEntity(), c, ContactEditColumns()));
}

std::vector<VisitRecord> ContactRepository::ListVisits(storage::Session& session,
                                                       const std::string& customer_id, int limit,
                                                       int offset, std::int64_t* total) {
  *total = session.Query(std::string("SELECT COUNT(*) FROM visits") + kLiveOf, {customer_id})
               .ScalarInt();
  return entity::ReadAll(
      session, VisitEntity(),
      VisitEntity().SelectSql() + kLiveOf + " ORDER BY visit_date DESC, id DESC LIMIT ? OFFSET ?",
      {customer_id, std::int64_t{limit}, std::int64_t{offset}});
}

std::optional<VisitRecord> ContactRepository::FindVisit(storage::Session& session,
                                                        const std::string& customer_id,
                                                        const std::string& id) {
  return entity::ReadFirst(session, VisitEntity(),
                           VisitEntity().SelectSql() + kLiveOf + " AND id = ?", {customer_id, id});
}

void ContactRepository::InsertVisit(storage::Session& session, const VisitRecord& v,
                                    const std::string& owner_node) {
  static const auto insert = VisitTable().InsertAll(VisitEntity().shape(), {"owner_node"});
  InsertOwned(session, insert, VisitEntity(), v, owner_node);
}

void ContactRepository::UpdateVisit(storage::Session& session, const VisitRecord& v) {
  static const auto update = VisitTable().Update(VisitEditColumns(), kById);
  update.Run(session, WithId(VisitEntity(), v, VisitEditColumns()));
}

void ContactRepository::DeleteContact(storage::Session& session, const std::string& id,
                                      const std::string& updated_at) {
  static const auto tombstone = ContactTable().Tombstone({"updated_at"}, kById);
  tombstone.Run(session, {updated_at, id});
}

void ContactRepository::DeleteVisit(storage::Session& session, const std::string& id,
                                    const std::string& updated_at) {
  static const auto tombstone = VisitTable().Tombstone({"updated_at"}, kById);
  tombstone.Run(session, {updated_at, id});
}

std::vector<ContactRecord> ContactRepository::SearchContacts(storage::Session& session,
                                                             const CustomerVisibility& visibility,
                                                             const std::optional<std::string>& name,
                                                             const std::optional<std::string>& role,
                                                             int limit, int offset,
                                                             std::int64_t* total) {
  storage::SqlParams params;
  std::string where = " WHERE deleted = 0 AND " + CustomerRepository::VisibleCustomerCondition(
                                                      visibility, "contacts.customer_id", &params);
  if (name) {
    where += std::string(" AND name LIKE ?") + storage::kLikeEscape;
    params.emplace_back(storage::LikeContaining(*name));
  }
  if (role) {
    where += " AND role = ?";
    params.emplace_back(*role);
  }
  *total = session.Query("SELECT COUNT(*) FROM contacts" + where, params).ScalarInt();
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  return entity::ReadAll(
      session, ContactEntity(),
      ContactEntity().SelectSql() + where + " ORDER BY name, id LIMIT ? OFFSET ?", params);
}

std::vector<VisitRecord> ContactRepository::SearchVisits(storage::Session& session,
                                                         const CustomerVisibility& visibility,
                                                         const std::optional<std::string>& from,
                                                         const std::optional<std::string>& to,
                                                         const std::optional<std::string>& type,
                                                         bool newest_first, int limit, int offset,
                                                         std::int64_t* total) {
  storage::SqlParams params;
  std::string where = " WHERE deleted = 0 AND " + CustomerRepository::VisibleCustomerCondition(
                                                      visibility, "visits.customer_id", &params);
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
  *total = session.Query("SELECT COUNT(*) FROM visits" + where, params).ScalarInt();
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  return entity::ReadAll(
      session, VisitEntity(),
      VisitEntity().SelectSql() + where +
          (newest_first ? " ORDER BY visit_date DESC, id DESC" : " ORDER BY visit_date, id") +
          " LIMIT ? OFFSET ?",
      params);
}

}  // namespace mams::accounts
