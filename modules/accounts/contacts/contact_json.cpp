#include "modules/accounts/contacts/contact_json.h"

#include <Poco/JSON/Parser.h>

#include "node/privacy/masking.h"

namespace mams::accounts {

Poco::JSON::Object ContactJson(const ContactRecord& c, bool show_pii) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("id", c.id);
  object.set("customerId", c.customer_id);
  object.set("name", c.name);
  object.set("role", c.role);
  object.set("title", c.title);
  object.set("mobile", show_pii ? c.mobile : privacy::MaskPhone(c.mobile));
  object.set("phone", show_pii ? c.phone : privacy::MaskPhone(c.phone));
  object.set("email", show_pii ? c.email : privacy::MaskEmail(c.email));
  object.set("idNumber", show_pii ? c.id_number : privacy::MaskIdNumber(c.id_number));
  // Month and day stay visible: account managers send birthday greetings.
  object.set("birthday",
             show_pii || c.birthday.size() != 10 ? c.birthday : "****" + c.birthday.substr(4));
  object.set("preferredChannel", c.preferred_channel);
  object.set("remarks", c.remarks);
  object.set("masked", !show_pii);
  object.set("updatedAt", c.updated_at);
  object.set("version", c.version);
  return object;
}

Poco::JSON::Object VisitJson(const VisitRecord& v) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("id", v.id);
  object.set("customerId", v.customer_id);
  object.set("date", v.visit_date);
  object.set("type", v.type);
  object.set("staffUserId", v.staff_user_id);
  object.set("staffName", v.staff_name);
  object.set("content", v.content);
  object.set("followUp", v.follow_up);
  object.set("updatedAt", v.updated_at);
  object.set("version", v.version);
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

}  // namespace mams::accounts
