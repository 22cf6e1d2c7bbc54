#pragma once

#include "node/entity/entity.h"
#include "node/imports/import_report.h"

namespace mams::imports {

/// A row of `import_jobs` as read and shown (without its rejected rows, kept as JSON in
/// `report`, and the rejected file).
const entity::Entity<ImportReport>& ImportJobEntity();
/// A rejected row as a report shows and stores it: line, column, reason.
const entity::Entity<RejectedRow>& RejectedRowEntity();

}  // namespace mams::imports
