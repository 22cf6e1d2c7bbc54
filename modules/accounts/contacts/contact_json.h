#pragma once

#include <Poco/JSON/Object.h>

#include "modules/accounts/contacts/contact_record.h"
#include "modules/accounts/customers/customer_events.h"

namespace mams::http {
struct HttpRequest;
}
namespace mams::module {
struct Extensions;
}

namespace mams::accounts {

/// A contact as the API shows it; phones, e-mail, ID number and birth year masked unless
/// `show_pii` (the caller holds pii:view, and the read is audited).
Poco::JSON::Object ContactJson(const ContactRecord& contact, bool show_pii);
Poco::JSON::Object VisitJson(const VisitRecord& visit);

/// Timeline lines as the API shows them, each with the title of its kind (the timeline_kinds
/// extension) in the language the request asks for.
class TimelineJson {
 public:
  TimelineJson(const module::Extensions& extensions, const http::HttpRequest& request);
  Poco::JSON::Object operator()(const CustomerEvent& event) const;

 private:
  const module::Extensions& extensions_;
  bool english_;
};

}  // namespace mams::accounts
