#pragma once

// The customer fields TMF629 carries as `characteristic` name/value pairs: declared once,
// used by the output, the input and the error-attribute mapping.
#include <Poco/Dynamic/Var.h>

#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/api/customer_directory.h"
#include "modules/accounts/api/customer_record.h"

namespace mams::tmf629 {

// The accounts module's public customer types, as this interface maps them.
using accounts::CustomerFilter;
using accounts::CustomerInput;
using accounts::CustomerRecord;

/// `role` of the `relatedParty` entries that are a customer's account managers.
inline constexpr char kTmfAccountManagerRole[] = "accountManager";

enum class TmfAccess {
  kWritable,    ///< set on create and by PATCH
  kCreateOnly,  ///< set on create; a PATCH may only repeat the current value
  kReadOnly,    ///< computed by MAMS; a PATCH may only repeat the current value
};

struct TmfCharacteristic {
  const char* name;        ///< also the field name in CustomerService errors
  const char* value_type;  ///< `valueType`: "string", "array" (of strings) or "integer"
  TmfAccess access;
  /// Where a string value goes in CustomerInput; null for tags and read-only values.
  std::optional<std::string> CustomerInput::*text;
  /// The customer's value (string, integer or Poco::JSON::Array of strings), or an empty
  /// Var when it has none.
  Poco::Dynamic::Var (*value)(const CustomerRecord& customer);
};

/// Every characteristic, in output order.
const std::vector<TmfCharacteristic>& TmfCharacteristics();
/// The characteristic called `name`, or null.
const TmfCharacteristic* FindTmfCharacteristic(const std::string& name);

}  // namespace mams::tmf629
