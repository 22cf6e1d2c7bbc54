#include "modules/accounts/contacts/contact_service.h"

#include <Poco/JSON/Object.h>

#include <set>

#include "modules/accounts/common/field_rules.h"
#include "modules/accounts/contacts/contact_entities.h"
#include "modules/accounts/contacts/contact_repository.h"
#include "modules/accounts/customers/customer_events.h"
#include "modules/accounts/customers/customer_service_steps.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/common/ids.h"
#include "node/common/row_version.h"
#include "node/common/written_row.h"
#include "node/entity/entity_input.h"
#include "node/http/json.h"
#include "node/privacy/masking.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

// The entity of each kind of row, and its checks beyond the declared types and allow-list.
const entity::Entity<ContactRecord>& EntityOf(const ContactRecord&) { return ContactEntity(); }
const entity::Entity<VisitRecord>& EntityOf(const VisitRecord&) { return VisitEntity(); }

void Validate(const entity::Patch& in, const ContactRecord&) {
  // Phones, e-mail, ID number and birthday are checked against their formats below.
  const auto name = in.Text("name");
  const auto title = in.Text("title");
  const auto remarks = in.Text("remarks");
  RequireNoControlCharacters({{&name, "name", TextLines::kSingle},
                              {&title, "title", TextLines::kSingle},
                              {&remarks, "remarks", TextLines::kMulti}});
  entity::CheckLength(in, "name");
  entity::CheckLength(in, "title");
  entity::CheckLength(in, "remarks");
  entity::CheckEnum(in, "role");
  entity::CheckEnum(in, "preferredChannel", "invalid_channel");
  // A masked value ("138****5678", "z***@x.cn") sent back by a form is never the real
  // one: refuse it rather than overwrite the stored value with it.
  for (const char* field : {"mobile", "phone", "email", "idNumber", "birthday"}) {
    const auto value = in.Text(field);
    if (value && value->find('*') != std::string::npos) {
      throw Invalid("masked_value",
                    std::string(field) +
                        ": a masked value cannot be saved; leave it out or "
                        "enter the full value",
                    field);
    }
  }
  for (const char* field : {"mobile", "phone"}) {
    const auto value = in.Text(field);
    if (value && !value->empty() && !IsValidPhone(*value)) {
      throw Invalid("invalid_phone",
                    std::string(field) + ": digits, '+', '-' or spaces (5-20 digits)", field);
    }
  }
  const auto email = in.Text("email");
  if (email && !email->empty() && !IsValidEmail(*email)) {
    throw Invalid("invalid_email", "email: not an e-mail address", "email");
  }
  const auto id_number = in.Text("idNumber");
  if (id_number && !id_number->empty() && !IsValidIdNumber(*id_number)) {
    throw Invalid("invalid_id_number", "idNumber: 18 characters with a valid check character",
                  "idNumber");
  }
  const auto birthday = in.Text("birthday");
  if (birthday && !birthday->empty() && !IsValidDate(*birthday)) {
    throw Invalid("invalid_birthday", "birthday: a date YYYY-MM-DD", "birthday");
  }
}

void Validate(const entity::Patch& in, const VisitRecord&) {
  const auto content = in.Text("content");
  const auto follow_up = in.Text("followUp");
  RequireNoControlCharacters(
      {{&content, "content", TextLines::kMulti}, {&follow_up, "followUp", TextLines::kMulti}});
  const auto date = in.Text("date");
  if (date && !IsValidDate(*date)) {
    throw Invalid("invalid_date", "date: a date YYYY-MM-DD", "date");
  }
  entity::CheckEnum(in, "type");
  entity::CheckLength(in, "content");
  entity::CheckLength(in, "followUp");
}

std::string AuditJson(const VisitRecord& v) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("date", v.visit_date);
  object.set("type", v.type);
  object.set("staff", v.staff_name);
  object.set("content", v.content.substr(0, 200));
  object.set("followUp", v.follow_up.substr(0, 200));
  return http::ToJson(object);
}

std::string AuditJson(const ContactRecord& contact) { return ContactAuditJson(contact); }

// The lines of the customer timeline.
std::string TimelineLabel(const ContactRecord& contact) { return "联系人 " + contact.name; }
std::string TimelineLabel(const VisitRecord& visit) { return "走访 " + visit.visit_date; }

}  // namespace

void ValidateContactInput(const entity::Patch& input) { Validate(input, ContactRecord()); }

template <typename Record>
Record CustomerChildren<Record>::Find(storage::Session& session, const ChildRef& ref) const {
  FindVisible(session, ref.visibility, ref.customer_id);
  auto row = rows_.Find(session, ref.customer_id, ref.id);
  if (!row) {
    throw ApiError(ErrorKind::kNotFound, "not_found", std::string("no such ") + what_);
  }
  return *row;
}

template <typename Record>
audit::Entry CustomerChildren<Record>::AuditEntry(const char* verb, const Record& record) const {
  return audit::EntryFor(std::string(what_) + "." + verb, what_, record.id, record.org_code);
}

template <typename Record>
Record CustomerChildren<Record>::Get(const ChildRef& ref) const {
  auto session = context_.storage.Open();
  return Find(*session, ref);
}

template <typename Record>
Record CustomerChildren<Record>::Create(const ChildRef& ref, const entity::Patch& input,
                                        Record draft, const audit::Actor& actor) const {
  entity::RequireComplete(input);
  Validate(input, draft);
  auto session = context_.storage.Open();
  const CustomerRecord customer = FindVisible(*session, ref.visibility, ref.customer_id);
  Record record = std::move(draft);
  record.id = NewRowId();
  record.customer_id = ref.customer_id;
  record.org_code = customer.org_code;
  EntityOf(record).Apply(input, &record);
  record.updated_at = FormatIsoUtc(context_.clock.NowMs());
  storage::Transaction transaction(*session);
  rows_.Insert(*session, record, context_.node_id);
  audit::Entry entry = AuditEntry("create", record);
  entry.after = AuditJson(record);
  context_.journal().Record(*session, actor, entry, record.customer_id, record.updated_at,
                            TimelineLabel(record));
  record.version = session->WriteVersion();  // what the row now carries
  transaction.Commit();
  return record;
}

template <typename Record>
Record CustomerChildren<Record>::Update(const ChildRef& ref, const entity::Patch& input,
                                        const RowWrite& write) const {
  auto session = context_.storage.Open();
  Record row = Find(*session, ref);
  RequireVersion(row.version, write.if_match, what_);
  Validate(input, row);
  const std::string before = AuditJson(row);
  EntityOf(row).Apply(input, &row);
  row.updated_at = FormatIsoUtc(context_.clock.NowMs());
  storage::Transaction transaction(*session);
  rows_.Update(*session, row);
  audit::Entry entry = AuditEntry("update", row);
  entry.before = before;
  entry.after = AuditJson(row);
  context_.journal().Record(*session, write.actor, entry, ref.customer_id, row.updated_at,
                            TimelineLabel(row));
  Record written = WrittenRow(rows_.Find(*session, ref.customer_id, ref.id), what_);
  transaction.Commit();
  return written;
}

template <typename Record>
void CustomerChildren<Record>::Delete(const ChildRef& ref, const RowWrite& write) const {
  auto session = context_.storage.Open();
  const Record row = Find(*session, ref);
  RequireVersion(row.version, write.if_match, what_);
  const std::string now = FormatIsoUtc(context_.clock.NowMs());
  storage::Transaction transaction(*session);
  rows_.Delete(*session, ref.id, now);
  audit::Entry entry = AuditEntry("delete", row);
  entry.before = AuditJson(row);
  context_.journal().Record(*session, write.actor, entry, ref.customer_id, now, TimelineLabel(row));
  transaction.Commit();
}

template class CustomerChildren<ContactRecord>;
template class CustomerChildren<VisitRecord>;

ContactService::ContactService(AccountsContext& context)
    : context_(context),
      contacts_(context, ContactRepository::Contacts(), "contact"),
      visits_(context, ContactRepository::Visits(), "visit") {}

std::vector<ContactRecord> ContactService::ListContacts(const CustomerVisibility& visibility,
                                                        const std::string& customer_id) {
  return ReadOfVisible(context_.storage, visibility, customer_id, [&](storage::Session& session) {
    return ContactRepository::ListContacts(session, customer_id);
  });
}

std::vector<VisitRecord> ContactService::ListVisits(const CustomerVisibility& visibility,
                                                    const std::string& customer_id, int limit,
                                                    int offset, std::int64_t* total) {
  return ReadOfVisible(context_.storage, visibility, customer_id, [&](storage::Session& session) {
    return ContactRepository::ListVisits(session, customer_id, limit, offset, total);
  });
}

VisitRecord ContactService::CreateVisit(const ChildRef& ref, const entity::Patch& input,
                                        const std::string& staff_name,
                                        const audit::Actor& actor) const {
  VisitRecord draft;
  draft.staff_user_id = actor.user_id;
  draft.staff_name = staff_name;
  return visits_.Create(ref, input, std::move(draft), actor);
}

namespace {

// Names of the customers the rows belong to, in one statement.
template <typename Row>
std::map<std::string, std::string> CustomerNames(storage::Session& session,
                                                 const std::vector<Row>& rows) {
  std::map<std::string, std::string> names;
  storage::SqlParams ids;
  std::string marks;
  for (const auto& row : rows) {
    if (names.emplace(row.customer_id, "").second) {
      ids.emplace_back(row.customer_id);
      marks += marks.empty() ? "?" : ", ?";
    }
  }
  if (ids.empty()) {
    return names;
  }
  const auto found =
      session.Query("SELECT id, name FROM customers WHERE id IN (" + marks + ")", ids);
  for (std::size_t i = 0; i < found.size(); ++i) {
    names[found[i].Text(0)] = found[i].Text(1);
  }
  return names;
}

}  // namespace

std::vector<ContactRecord> ContactService::SearchContacts(
    const CustomerVisibility& visibility, const std::optional<std::string>& name,
    const std::optional<std::string>& role, int limit, int offset, std::int64_t* total,
    std::map<std::string, std::string>* customer_names) {
  auto session = context_.storage.Open();
  auto contacts =
      ContactRepository::SearchContacts(*session, visibility, name, role, limit, offset, total);
  *customer_names = CustomerNames(*session, contacts);
  return contacts;
}

std::vector<VisitRecord> ContactService::SearchVisits(
    const CustomerVisibility& visibility, const std::optional<std::string>& from,
    const std::optional<std::string>& to, const std::optional<std::string>& type, bool newest_first,
    int limit, int offset, std::int64_t* total,
    std::map<std::string, std::string>* customer_names) {
  auto session = context_.storage.Open();
  auto visits = ContactRepository::SearchVisits(*session, visibility, from, to, type, newest_first,
                                                limit, offset, total);
  *customer_names = CustomerNames(*session, visits);
  return visits;
}

void ContactService::RecordPiiRead(const audit::Actor& actor, const CustomerRecord& customer,
                                   std::size_t count) {
  audit::Entry entry = audit::EntryFor("pii.read", "customer", customer.id, customer.org_code);
  entry.detail = std::to_string(count) + " contacts unmasked";
  context_.audit.AppendAlone(context_.storage, actor, entry);
}

}  // namespace mams::accounts
