#pragma once

#include <Poco/JSON/Object.h>

#include "modules/accounts/contacts/contact_record.h"
#include "modules/accounts/customers/customer_events.h"

namespace mams::accounts {

/// A contact as the API shows it; phones, e-mail, ID number and birth year masked unless
/// `show_pii` (the caller holds pii:view, and the read is audited).
Poco::JSON::Object ContactJson(const ContactRecord& contact, bool show_pii);
Poco::JSON::Object VisitJson(const VisitRecord& visit);
Poco::JSON::Object EventJson(const CustomerEvent& event);

}  // namespace mams::accounts
