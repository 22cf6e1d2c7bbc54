#pragma once

#include <cstdint>
#include <optional>
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
/// The customer `id` as the caller sees it; NotFound() when it cannot.
CustomerRecord FindVisible(storage::Session& session, const CustomerVisibility& visibility,
                           const std::string& id);
/// FindVisible() for a write: 409 when `if_match` names another version.
CustomerRecord FindForWrite(storage::Session& session, const CustomerVisibility& visibility,
                            const std::string& id, std::optional<std::int64_t> if_match);
/// A state change's or merge's reason: 1-500 characters on one or more lines; `note` says
/// in Chinese that it is required (e.g. 变更原因必填).
void RequireReason(const std::string& reason, const std::string& note);
/// The row this transaction has just written, read back before the commit whoever the
/// caller is; 500 `write_not_found` when it is gone (a defect).
CustomerRecord ReadBackWritten(storage::Session& session, const std::string& id);
/// The audit entry of `action` on `customer`.
audit::Entry CustomerEntry(const std::string& action, const CustomerRecord& customer);

}  // namespace mams::accounts
