#pragma once

#include <Poco/JSON/Object.h>

#include "modules/accounts/customer_record.h"

namespace mams::accounts {

/// A customer as the API shows it (camelCase; money in fen as integers).
Poco::JSON::Object CustomerJson(const CustomerRecord& customer);

}  // namespace mams::accounts
