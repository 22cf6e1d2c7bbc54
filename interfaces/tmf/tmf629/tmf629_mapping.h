#pragma once

// TMF629 Customer Management v4 over our customers: pure functions between CustomerRecord /
// CustomerInput and TM Forum's `Customer` JSON. The mapping table is in docs/api.md.
#include <Poco/JSON/Object.h>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "modules/accounts/api/customer_directory.h"
#include "modules/accounts/api/customer_record.h"
#include "node/common/errors.h"

namespace mams::tmf629 {

// The accounts module's public customer types, as this interface maps them.
using accounts::CustomerFilter;
using accounts::CustomerInput;
using accounts::CustomerRecord;

/// The collection path; a customer is at kTmfCustomerPath + "/" + id (its `href`).
inline constexpr char kTmfCustomerPath[] = "/tmf-api/customerManagement/v4/customer";

/// First-level attributes a response carries (`fields`); nullopt means all of them.
using TmfFieldSelection = std::optional<std::set<std::string>>;

/// Parses `fields` (comma-separated first-level attributes of `Customer`, spaces ignored).
/// Throws ApiError 400 `invalid_parameter` (field `fields`) for a name the schema does not
/// define.
TmfFieldSelection ParseTmfFields(const std::optional<std::string>& fields);

/// A customer as TMF629 `Customer`, restricted to `selection`. `id`, `href`, `@type` and
/// `engagedParty` (required by the schema) are always present.
Poco::JSON::Object TmfCustomer(const CustomerRecord& customer,
                               const TmfFieldSelection& selection = std::nullopt);

/// The filter for the list's query parameters: `name` (substring), `status`,
/// `engagedParty.id` (credit code), `relatedParty.id` (account manager). `fields`, `limit`,
/// `offset` and `sort` are accepted and left to the caller. Throws ApiError 400
/// `invalid_parameter` for any other parameter, so an unsupported filter never widens the
/// answer silently.
CustomerFilter TmfListFilter(const std::vector<std::pair<std::string, std::string>>& query);

/// A `Customer_Create` body as service input. Enforces the schema's required `name` and
/// `engagedParty` (with its required `id` and `@referredType` "Organization") and the
/// required members of `characteristic` and `relatedParty` items. Throws ApiError 422
/// naming the TMF attribute for anything missing, mistyped, read-only or unsupported.
CustomerInput TmfCreateInput(const Poco::JSON::Object& body);

struct TmfStateChange {
  std::string to;
  std::string reason;  ///< `statusReason`; the service requires it
};

/// What a merge-patch asks for: either field changes or one state change, never both (each
/// is one audited transaction in CustomerService).
struct TmfPatch {
  CustomerInput changes;  ///< only members whose value differs from the current record
  std::optional<TmfStateChange> state_change;
};

/// A merge-patch (RFC 7386) body against `current`. Values equal to the current ones are
/// dropped, so a client may echo what it read (`id`, `href`, `validFor`, read-only
/// characteristics included). `characteristic` items are merged by name; `relatedParty`
/// replaces the account managers (null clears them). Throws ApiError 422 like
/// TmfCreateInput, and for a status change combined with other changes, `statusReason`
/// without a status change, or null for an attribute that cannot be removed.
TmfPatch TmfPatchInput(const Poco::JSON::Object& body, const CustomerRecord& current);

/// The TMF attribute for a field name of CustomerService errors ("creditCode" →
/// "engagedParty.id", "industry" → "characteristic.industry", "managers" →
/// "relatedParty", "state" → "status", "reason" → "statusReason"); others unchanged.
std::string TmfAttributeFor(const std::string& native_field);

/// `error` with its field renamed by TmfAttributeFor (kind, code, message, Retry-After kept).
ApiError WithTmfAttribute(const ApiError& error);

/// True for `application/merge-patch+json` and `application/json`, parameters such as
/// `charset` ignored, case-insensitive.
bool IsMergePatchContentType(const std::string& content_type);

}  // namespace mams::tmf629
