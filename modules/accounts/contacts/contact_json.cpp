#include "modules/accounts/contacts/contact_json.h"

#include <Poco/JSON/Parser.h>

#include "modules/accounts/contacts/contact_entities.h"
#include "modules/accounts/contacts/contact_service.h"
#include "modules/accounts/customers/customer_entities.h"
#include "node/common/error_catalogue.h"
#include "node/entity/entity_json.h"
#include "node/http/http_types.h"
#include "node/http/json.h"
#include "node/module/extensions.h"

namespace mams::accounts {

Poco::JSON::Object ContactJson(const ContactRecord& c, bool show_pii) {
  return entity::JsonObject(ContactEntity(), c, {show_pii, 0});
}

Poco::JSON::Object VisitJson(const VisitRecord& v) { return entity::JsonObject(VisitEntity(), v); }

TimelineJson::TimelineJson(const module::Extensions& extensions, const http::HttpRequest& request)
    : extensions_(extensions),
      english_(PreferredLanguage(request.Header("accept-language")) == Language::kEnglish) {}

Poco::JSON::Object TimelineJson::operator()(const CustomerEvent& e) const {
  Poco::JSON::Object object = entity::JsonObject(CustomerEventEntity(), e);
  object.set("title", module::TitleOf(extensions_.timeline_kinds, e.action, english_));
  object.set("changes",
             e.changes.empty() ? Poco::Dynamic::Var() : Poco::JSON::Parser().parse(e.changes));
  return object;
}

namespace {

// The contact as its audit entries and timeline show it: personal data always masked.
Poco::JSON::Object ContactAuditObject(const ContactRecord& c) {
  static const std::vector<std::string> kMembers = {
      "name", "role", "title", "mobile", "phone", "email", "idNumber", "preferredChannel"};
  return entity::JsonObjectOf(ContactEntity(), c, kMembers, {false, 0});
}

}  // namespace

std::string ContactAuditJson(const ContactRecord& contact) {
  return http::ToJson(ContactAuditObject(contact));
}

std::string ContactCreationChanges(const ContactRecord& contact) {
  return CreationDiffJson(ContactAuditObject(contact));
}

}  // namespace mams::accounts
