#include "modules/accounts/contacts/contact_service.h"

#include <Poco/JSON/Object.h>

#include <set>

#include "modules/accounts/contacts/contact_entities.h"
#include "modules/accounts/contacts/contact_repository.h"
#include "modules/accounts/customers/customer_events.h"
#include "modules/accounts/common/field_rules.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/common/ids.h"
#include "node/common/row_version.h"
#include "node/entity/entity_input.h"
#include "node/http/json.h"
#include "node/privacy/masking.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

ApiError Invalid(const std::string& code, const std::string& message, const std::string& field) {
  return ApiError(ErrorKind::kUnprocessable, code, message, field);
}

ApiError NotFound(const std::string& what) {
  return ApiError(ErrorKind::kNotFound, "not_found", "no such " + what);
}

void CheckContact(const ContactInput& in) {
  // Phones, e-mail, ID number and birthday are checked against their formats below.
  RequireNoControlCharacters({{&in.name, "name", TextLines::kSingle},
                              {&in.title, "title", TextLines::kSingle},
                              {&in.remarks, "remarks", TextLines::kMulti}});
  const auto& contact = ContactEntity().shape();
  entity::CheckLength(contact, "name", in.name);
  entity::CheckLength(contact, "title", in.title);
  entity::CheckLength(contact, "remarks", in.remarks);
  entity::CheckEnum(contact, "role", in.role);
  entity::CheckEnum(contact, "preferredChannel", in.preferred_channel, "invalid_channel");
  // A masked value ("138****5678", "z***@x.cn") sent back by a form is never the real
  // one: refuse it rather than overwrite the stored value with it.
  for (const auto& [value, field] :
       {std::pair{&in.mobile, "mobile"}, std::pair{&in.phone, "phone"},
        std::pair{&in.email, "email"}, std::pair{&in.id_number, "idNumber"},
        std::pair{&in.birthday, "birthday"}}) {
    if (*value && (*value)->find('*') != std::string::npos) {
      throw Invalid("masked_value",
                    std::string(field) +
                        ": a masked value cannot be saved; leave it out or "
                        "enter the full value",
                    field);
    }
  }
  for (const auto& [value, field] :
       {std::pair{&in.mobile, "mobile"}, std::pair{&in.phone, "phone"}}) {
    if (*value && !(*value)->empty() && !IsValidPhone(**value)) {
      throw Invalid("invalid_phone",
                    std::string(field) + ": digits, '+', '-' or spaces (5-20 digits)", field);
    }
  }
  if (in.email && !in.email->empty() && !IsValidEmail(*in.email)) {
    throw Invalid("invalid_email", "email: not an e-mail address", "email");
  }
  if (in.id_number && !in.id_number->empty() && !IsValidIdNumber(*in.id_number)) {
    throw Invalid("invalid_id_number", "idNumber: 18 characters with a valid check character",
                  "idNumber");
  }
  if (in.birthday && !in.birthday->empty() && !IsValidDate(*in.birthday)) {
    throw Invalid("invalid_birthday", "birthday: a date YYYY-MM-DD", "birthday");
  }
}

void ValidateVisit(const VisitInput& in) {
  RequireNoControlCharacters({{&in.content, "content", TextLines::kMulti},
                              {&in.follow_up, "followUp", TextLines::kMulti}});
  if (in.visit_date && !IsValidDate(*in.visit_date)) {
    throw Invalid("invalid_date", "date: a date YYYY-MM-DD", "date");
  }
  entity::CheckEnum(VisitEntity().shape(), "type", in.type);
  entity::CheckLength(VisitEntity().shape(), "content", in.content);
  entity::CheckLength(VisitEntity().shape(), "followUp", in.follow_up);
}

void Apply(const ContactInput& in, ContactRecord* c) {
  for (const auto& [value, target] : {std::pair{&in.name, &c->name},
                                      {&in.role, &c->role},
                                      {&in.title, &c->title},
                                      {&in.mobile, &c->mobile},
                                      {&in.phone, &c->phone},
                                      {&in.email, &c->email},
                                      {&in.id_number, &c->id_number},
                                      {&in.birthday, &c->birthday},
                                      {&in.preferred_channel, &c->preferred_channel},
                                      {&in.remarks, &c->remarks}}) {
    if (*value) {
      *target = **value;
    }
  }
}

void Apply(const VisitInput& in, VisitRecord* v) {
  for (const auto& [value, target] : {std::pair{&in.visit_date, &v->visit_date},
                                      {&in.type, &v->type},
                                      {&in.content, &v->content},
                                      {&in.follow_up, &v->follow_up}}) {
    if (*value) {
      *target = **value;
    }
  }
}

std::string VisitAuditJson(const VisitRecord& v) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("date", v.visit_date);
  object.set("type", v.type);
  object.set("staff", v.staff_name);
  object.set("content", v.content.substr(0, 200));
  object.set("followUp", v.follow_up.substr(0, 200));
  return http::ToJson(object);
}

// The visible customer a sub-record belongs to; 404 otherwise.
CustomerRecord RequireCustomer(storage::Session& session, const CustomerVisibility& visibility,
                               const std::string& customer_id) {
  auto customer = CustomerRepository::Find(session, visibility, customer_id);
  if (!customer) {
    throw NotFound("customer");
  }
  return *customer;
}

}  // namespace

void ValidateContactInput(const ContactInput& input) { CheckContact(input); }

std::vector<ContactRecord> ContactService::ListContacts(const CustomerVisibility& visibility,
                                                        const std::string& customer_id) {
  auto session = context_.storage.Open();
  const CustomerRecord customer = RequireCustomer(*session, visibility, customer_id);
  return ContactRepository::ListContacts(*session, customer_id);
}

ContactRecord ContactService::GetContact(const CustomerVisibility& visibility,
                                         const std::string& customer_id, const std::string& id) {
  auto session = context_.storage.Open();
  const CustomerRecord customer = RequireCustomer(*session, visibility, customer_id);
  auto contact = ContactRepository::FindContact(*session, customer_id, id);
  if (!contact) {
    throw NotFound("contact");
  }
  return *contact;
}

ContactRecord ContactService::CreateContact(const CustomerVisibility& visibility,
                                            const std::string& customer_id,
                                            const ContactInput& input, const audit::Actor& actor) {
  entity::RequirePresent("name", input.name.has_value());
  entity::RequirePresent("role", input.role.has_value());
  ValidateContactInput(input);
  auto session = context_.storage.Open();
  const CustomerRecord customer = RequireCustomer(*session, visibility, customer_id);
  ContactRecord contact;
  contact.id = NewRowId();
  contact.customer_id = customer_id;
  contact.org_code = customer.org_code;
  Apply(input, &contact);
  contact.updated_at = FormatIsoUtc(context_.clock.NowMs());
  storage::Transaction transaction(*session);
  ContactRepository::InsertContact(*session, contact, context_.node_id);
  audit::Entry entry = audit::EntryFor("contact.create", "contact", contact.id, contact.org_code);
  entry.after = ContactAuditJson(contact);
  context_.journal().Record(*session, actor, entry, customer_id, contact.updated_at,
                            "联系人 " + contact.name);
  contact.version = session->WriteVersion();  // what the row now carries
  transaction.Commit();
  return contact;
}

ContactRecord ContactService::UpdateContact(const CustomerVisibility& visibility,
                                            const std::string& customer_id, const std::string& id,
                                            const ContactInput& input,
                                            std::optional<std::int64_t> if_match,
                                            const audit::Actor& actor) {
  auto session = context_.storage.Open();
  const CustomerRecord customer = RequireCustomer(*session, visibility, customer_id);
  auto contact = ContactRepository::FindContact(*session, customer_id, id);
  if (!contact) {
    throw NotFound("contact");
  }
  RequireVersion(contact->version, if_match, "contact");
  ValidateContactInput(input);
  const std::string before = ContactAuditJson(*contact);
  Apply(input, &*contact);
  contact->updated_at = FormatIsoUtc(context_.clock.NowMs());
  storage::Transaction transaction(*session);
  ContactRepository::UpdateContact(*session, *contact);
  audit::Entry entry = audit::EntryFor("contact.update", "contact", id, contact->org_code);
  entry.before = before;
  entry.after = ContactAuditJson(*contact);
  context_.journal().Record(*session, actor, entry, customer_id, contact->updated_at,
                            "联系人 " + contact->name);
  // Read back before the commit: afterwards another request may already have deleted it.
  contact = ContactRepository::FindContact(*session, customer_id, id);
  if (!contact) {
    throw ApiError(ErrorKind::kInternal, "write_not_found", "a contact just written is gone");
  }
  transaction.Commit();
  return *contact;
}

void ContactService::DeleteContact(const CustomerVisibility& visibility,
                                   const std::string& customer_id, const std::string& id,
                                   std::optional<std::int64_t> if_match,
                                   const audit::Actor& actor) {
  auto session = context_.storage.Open();
  const CustomerRecord customer = RequireCustomer(*session, visibility, customer_id);
  const auto contact = ContactRepository::FindContact(*session, customer_id, id);
  if (!contact) {
    throw NotFound("contact");
  }
  RequireVersion(contact->version, if_match, "contact");
  const std::string now = FormatIsoUtc(context_.clock.NowMs());
  storage::Transaction transaction(*session);
  ContactRepository::DeleteContact(*session, id, now);
  audit::Entry entry = audit::EntryFor("contact.delete", "contact", id, contact->org_code);
  entry.before = ContactAuditJson(*contact);
  context_.journal().Record(*session, actor, entry, customer_id, now, "联系人 " + contact->name);
  transaction.Commit();
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

std::vector<VisitRecord> ContactService::ListVisits(const CustomerVisibility& visibility,
                                                    const std::string& customer_id, int limit,
                                                    int offset, std::int64_t* total) {
  auto session = context_.storage.Open();
  const CustomerRecord customer = RequireCustomer(*session, visibility, customer_id);
  return ContactRepository::ListVisits(*session, customer_id, limit, offset, total);
}

VisitRecord ContactService::CreateVisit(const CustomerVisibility& visibility,
                                        const std::string& customer_id, const VisitInput& input,
                                        const std::string& staff_name, const audit::Actor& actor) {
  entity::RequirePresent("date", input.visit_date.has_value());
  entity::RequirePresent("type", input.type.has_value());
  entity::RequirePresent("content", input.content.has_value());
  ValidateVisit(input);
  auto session = context_.storage.Open();
  const CustomerRecord customer = RequireCustomer(*session, visibility, customer_id);
  VisitRecord visit;
  visit.id = NewRowId();
  visit.customer_id = customer_id;
  visit.org_code = customer.org_code;
  visit.staff_user_id = actor.user_id;
  visit.staff_name = staff_name;
  Apply(input, &visit);
  visit.updated_at = FormatIsoUtc(context_.clock.NowMs());
  storage::Transaction transaction(*session);
  ContactRepository::InsertVisit(*session, visit, context_.node_id);
  audit::Entry entry = audit::EntryFor("visit.create", "visit", visit.id, visit.org_code);
  entry.after = VisitAuditJson(visit);
  context_.journal().Record(*session, actor, entry, customer_id, visit.updated_at,
                            "走访 " + visit.visit_date);
  visit.version = session->WriteVersion();
  transaction.Commit();
  return visit;
}

VisitRecord ContactService::UpdateVisit(const CustomerVisibility& visibility,
                                        const std::string& customer_id, const std::string& id,
                                        const VisitInput& input,
                                        std::optional<std::int64_t> if_match,
                                        const audit::Actor& actor) {
  auto session = context_.storage.Open();
  const CustomerRecord customer = RequireCustomer(*session, visibility, customer_id);
  auto visit = ContactRepository::FindVisit(*session, customer_id, id);
  if (!visit) {
    throw NotFound("visit");
  }
  RequireVersion(visit->version, if_match, "visit");
  ValidateVisit(input);
  const std::string before = VisitAuditJson(*visit);
  Apply(input, &*visit);
  visit->updated_at = FormatIsoUtc(context_.clock.NowMs());
  storage::Transaction transaction(*session);
  ContactRepository::UpdateVisit(*session, *visit);
  audit::Entry entry = audit::EntryFor("visit.update", "visit", id, visit->org_code);
  entry.before = before;
  entry.after = VisitAuditJson(*visit);
  context_.journal().Record(*session, actor, entry, customer_id, visit->updated_at,
                            "走访 " + visit->visit_date);
  visit = ContactRepository::FindVisit(*session, customer_id, id);  // as for contacts
  if (!visit) {
    throw ApiError(ErrorKind::kInternal, "write_not_found", "a visit just written is gone");
  }
  transaction.Commit();
  return *visit;
}

void ContactService::DeleteVisit(const CustomerVisibility& visibility,
                                 const std::string& customer_id, const std::string& id,
                                 std::optional<std::int64_t> if_match, const audit::Actor& actor) {
  auto session = context_.storage.Open();
  const CustomerRecord customer = RequireCustomer(*session, visibility, customer_id);
  const auto visit = ContactRepository::FindVisit(*session, customer_id, id);
  if (!visit) {
    throw NotFound("visit");
  }
  RequireVersion(visit->version, if_match, "visit");
  const std::string now = FormatIsoUtc(context_.clock.NowMs());
  storage::Transaction transaction(*session);
  ContactRepository::DeleteVisit(*session, id, now);
  audit::Entry entry = audit::EntryFor("visit.delete", "visit", id, visit->org_code);
  entry.before = VisitAuditJson(*visit);
  context_.journal().Record(*session, actor, entry, customer_id, now, "走访 " + visit->visit_date);
  transaction.Commit();
}

void ContactService::RecordPiiRead(const audit::Actor& actor, const CustomerRecord& customer,
                                   std::size_t count) {
  audit::Entry entry = audit::EntryFor("pii.read", "customer", customer.id, customer.org_code);
  entry.detail = std::to_string(count) + " contacts unmasked";
  context_.audit.AppendAlone(context_.storage, actor, entry);
}

}  // namespace mams::accounts
