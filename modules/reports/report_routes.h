#pragma once

#include <vector>

#include "node/http/router.h"

namespace mams::audit {
class AuditLog;
}
namespace mams::module {
struct Extensions;
}
namespace mams::storage {
class Storage;
}

namespace mams::reports {

/// The permission of the report routes; each dataset also requires its own.
inline constexpr char kReportsRead[] = "reports:read";

/// GET /api/v1/reports (the datasets the caller may use) and GET /api/v1/reports/{key}
/// (one dataset's rows as JSON, CSV or XLSX; files are audited).
std::vector<http::Route> ReportRoutes(const module::Extensions& extensions,
                                      storage::Storage& storage, const audit::AuditLog& audit);

}  // namespace mams::reports
