#include "modules/accounts/contacts/contact_repository.h"

#include "node/storage/like_pattern.h"

namespace mams::accounts {
namespace {

constexpr char kContactColumns[] =
    "SELECT id, customer_id, org_code, name, role, title, mobile, phone, email, id_number,"
    " birthday, preferred_channel, remarks, version, updated_at FROM contacts";
constexpr char kInsertContact[] =
    "INSERT INTO contacts (version, version_node, base_version,"
    " id, customer_id, org_code, name, role, title, mobile, phone, email,"
    " id_number, birthday, preferred_channel, remarks, owner_node, updated_at, deleted)"
    " VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
constexpr char kUpdateContact[] =
    "UPDATE contacts SET base_version = version, version = ?, version_node = ?,"
    " name = ?, role = ?, title = ?, mobile = ?, phone = ?, email = ?,"
    " id_number = ?, birthday = ?, preferred_channel = ?, remarks = ?,"
    " updated_at = ? WHERE id = ?";
constexpr char kVisitColumns[] =
    "SELECT id, customer_id, org_code, visit_date, staff_user_id, staff_name, type, content,"
    " follow_up, version, updated_at FROM visits";
constexpr char kInsertVisit[] =
    "INSERT INTO visits (version, version_node, base_version,"
    " id, customer_id, org_code, visit_date, staff_user_id, staff_name, type,"
    " content, follow_up, owner_node, updated_at, deleted)"
    " VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
constexpr char kUpdateVisit[] =
    "UPDATE visits SET base_version = version, version = ?, version_node = ?,"
    " visit_date = ?, type = ?, content = ?, follow_up = ?,"
    " updated_at = ? WHERE id = ?";
constexpr char kDeleteContact[] =
    "UPDATE contacts SET base_version = version, version = ?, version_node = ?,"
    " deleted = 1, updated_at = ? WHERE id = ?";
constexpr char kDeleteVisit[] =
    "UPDATE visits SET base_version = version, version = ?, version_node = ?,"
    " deleted = 1, updated_at = ? WHERE id = ?";
constexpr char kLiveOf[] = " WHERE customer_id = ? AND deleted = 0";

ContactRecord ReadContact(const storage::Row& row) {
  ContactRecord c;
  c.id = row.Text(0);
  c.customer_id = row.Text(1);
  c.org_code = row.Text(2);
  c.name = row.Text(3);
  c.role = row.Text(4);
  c.title = row.Text(5);
  c.mobile = row.Text(6);
  c.phone = row.Text(7);
  c.email = row.Text(8);
  c.id_number = row.Text(9);
  c.birthday = row.OptionalText(10).value_or("");
  c.preferred_channel = row.Text(11);
  c.remarks = row.Text(12);
  c.version = row.Int(13);
  c.updated_at = row.Text(14);
  return c;
}

VisitRecord ReadVisit(const storage::Row& row) {
  VisitRecord v;
  v.id = row.Text(0);
  v.customer_id = row.Text(1);
  v.org_code = row.Text(2);
  v.visit_date = row.Text(3);
  v.staff_user_id = row.Text(4);
  v.staff_name = row.Text(5);
  v.type = row.Text(6);
  v.content = row.Text(7);
  v.follow_up = row.Text(8);
  v.version = row.Int(9);
  v.updated_at = row.Text(10);
  return v;
}

storage::SqlValue DateOrNull(const std::string& date) {
  return date.empty() ? storage::SqlValue(nullptr) : storage::SqlValue(date);
}

}  // namespace

std::vector<ContactRecord> ContactRepository::ListContacts(storage::Session& session,
                                                           const std::string& customer_id) {
  const auto rows =
      session.Query(std::string(kContactColumns) + kLiveOf + " ORDER BY name, id", {customer_id});
  std::vector<ContactRecord> contacts;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    contacts.push_back(ReadContact(rows[i]));
  }
  return contacts;
}

std::optional<ContactRecord> ContactRepository::FindContact(storage::Session& session,
                                                            const std::string& customer_id,
                                                            const std::string& id) {
  const auto rows =
      session.Query(std::string(kContactColumns) + kLiveOf + " AND id = ?", {customer_id, id});
  if (rows.empty()) {
    return std::nullopt;
  }
  return ReadContact(rows[0]);
}

void ContactRepository::InsertContact(storage::Session& session, const ContactRecord& c,
                                      const std::string& owner_node) {
  session.Execute(
      kInsertContact,
      storage::Stamped(session, {c.id, c.customer_id, c.org_code, c.name, c.role, c.title, c.mobile,
                                 c.phone, c.email, c.id_number, DateOrNull(c.birthday),
                                 c.preferred_channel, c.remarks, owner_node, c.updated_at}));
}

void ContactRepository::UpdateContact(storage::Session& session, const ContactRecord& c) {
  session.Execute(kUpdateContact,
                  storage::Stamped(session, {c.name, c.role, c.title, c.mobile, c.phone, c.email,
                                             c.id_number, DateOrNull(c.birthday),
                                             c.preferred_channel, c.remarks, c.updated_at, c.id}));
}

std::vector<VisitRecord> ContactRepository::ListVisits(storage::Session& session,
                                                       const std::string& customer_id, int limit,
                                                       int offset, std::int64_t* total) {
  *total = session.Query(std::string("SELECT COUNT(*) FROM visits") + kLiveOf, {customer_id})
               .ScalarInt();
  const auto rows = session.Query(
      std::string(kVisitColumns) + kLiveOf + " ORDER BY visit_date DESC, id DESC LIMIT ? OFFSET ?",
      {customer_id, std::int64_t{limit}, std::int64_t{offset}});
  std::vector<VisitRecord> visits;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    visits.push_back(ReadVisit(rows[i]));
  }
  return visits;
}

std::optional<VisitRecord> ContactRepository::FindVisit(storage::Session& session,
                                                        const std::string& customer_id,
                                                        const std::string& id) {
  const auto rows =
      session.Query(std::string(kVisitColumns) + kLiveOf + " AND id = ?", {customer_id, id});
  if (rows.empty()) {
    return std::nullopt;
  }
  return ReadVisit(rows[0]);
}

void ContactRepository::InsertVisit(storage::Session& session, const VisitRecord& v,
                                    const std::string& owner_node) {
  session.Execute(kInsertVisit,
                  storage::Stamped(session, {v.id, v.customer_id, v.org_code, v.visit_date,
                                             v.staff_user_id, v.staff_name, v.type, v.content,
                                             v.follow_up, owner_node, v.updated_at}));
}

void ContactRepository::UpdateVisit(storage::Session& session, const VisitRecord& v) {
  session.Execute(kUpdateVisit, storage::Stamped(session, {v.visit_date, v.type, v.content,
                                                           v.follow_up, v.updated_at, v.id}));
}

void ContactRepository::DeleteContact(storage::Session& session, const std::string& id,
                                      const std::string& updated_at) {
  session.Execute(kDeleteContact, storage::Stamped(session, {updated_at, id}));
}

void ContactRepository::DeleteVisit(storage::Session& session, const std::string& id,
                                    const std::string& updated_at) {
  session.Execute(kDeleteVisit, storage::Stamped(session, {updated_at, id}));
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
  const auto rows = session.Query(
      std::string(kContactColumns) + where + " ORDER BY name, id LIMIT ? OFFSET ?", params);
  std::vector<ContactRecord> contacts;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    contacts.push_back(ReadContact(rows[i]));
  }
  return contacts;
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
  const auto rows = session.Query(
      std::string(kVisitColumns) + where +
          (newest_first ? " ORDER BY visit_date DESC, id DESC" : " ORDER BY visit_date, id") +
          " LIMIT ? OFFSET ?",
      params);
  std::vector<VisitRecord> visits;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    visits.push_back(ReadVisit(rows[i]));
  }
  return visits;
}

}  // namespace mams::accounts
