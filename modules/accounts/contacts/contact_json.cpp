#include "modules/accounts/contacts/contact_json.h"

#include <Poco/JSON/Parser.h>

#include "modules/accounts/contacts/contact_entities.h"
#include "modules/accounts/contacts/contact_service.h"
#include "node/http/json.h"
#include "node/privacy/masking.h"

namespace mams::accounts {

Poco::JSON::Object ContactJson(const ContactRecord& c, bool show_pii) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  ContactEntity().WriteJson(*entity::ObjectSink(object), c, {show_pii, 0});
  return object;
}

Poco::JSON::Object VisitJson(const VisitRecord& v) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  VisitEntity().WriteJson(*entity::ObjectSink(object), v);
  return object;
}

Poco::JSON::Object EventJson(const CustomerEvent& e) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("id", e.id);
  object.set("customerId", e.customer_id);
  object.set("at", e.at);
  object.set("actor", e.actor);
  object.set("action", e.action);
  object.set("summary", e.summary);
  object.set("changes",
             e.changes.empty() ? Poco::Dynamic::Var() : Poco::JSON::Parser().parse(e.changes));
  return object;
}

namespace {

Poco::JSON::Object ContactAuditObject(const ContactRecord& c) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("name", c.name);
  object.set("role", c.role);
  object.set("title", c.title);
  object.set("mobile", privacy::MaskPhone(c.mobile));
  object.set("phone", privacy::MaskPhone(c.phone));
  object.set("email", privacy::MaskEmail(c.email));
  object.set("idNumber", privacy::MaskIdNumber(c.id_number));
  object.set("preferredChannel", c.preferred_channel);
  return object;
}

}  // namespace

std::string ContactAuditJson(const ContactRecord& contact) {
  return http::ToJson(ContactAuditObject(contact));
}

std::string ContactCreationChanges(const ContactRecord& contact) {
  return CreationDiffJson(ContactAuditObject(contact));
}

}  // namespace mams::accounts
