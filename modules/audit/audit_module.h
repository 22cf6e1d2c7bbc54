#pragma once

#include "node/module/module.h"

namespace mams::audit_module {

/// The operation log (操作日志): its tables, the auditor's query API and chain verification.
/// Entries are written by node/audit's AuditLog from every module's write path.
module::Module MakeModule();

}  // namespace mams::audit_module
