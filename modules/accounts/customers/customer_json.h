#pragma once

#include <Poco/JSON/Object.h>

#include <string>

#include "modules/accounts/api/customer_record.h"

namespace mams::http {
class JsonWriter;
}

namespace mams::accounts {

/// A customer as the API shows it (camelCase; money in fen as integers), written into `out`.
void WriteCustomer(http::JsonWriter& out, const CustomerRecord& customer);
/// The same as JSON text.
std::string CustomerJsonText(const CustomerRecord& customer);
/// The same as an object, for answers that add fields to it.
Poco::JSON::Object CustomerJson(const CustomerRecord& customer);

}  // namespace mams::accounts
