#pragma once

#include <string>

#include "modules/accounts/api/customer_record.h"
#include "node/audit/audit_log.h"
#include "node/common/errors.h"
#include "node/storage/storage.h"

// Steps CustomerService's files share; not for other callers.
namespace mams::accounts {

/// 422 with `code`, naming `field`.
ApiError Invalid(const std::string& code, const std::string& message, const std::string& field);
/// 404 "no such customer".
ApiError NotFound();
/// The row this transaction has just written, read back before the commit whoever the
/// caller is; 500 `write_not_found` when it is gone (a defect).
CustomerRecord ReadBackWritten(storage::Session& session, const std::string& id);
/// The audit entry of `action` on `customer`.
audit::Entry CustomerEntry(const std::string& action, const CustomerRecord& customer);

}  // namespace mams::accounts
