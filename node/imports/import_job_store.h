#pragma once

#include <optional>
#include <string>
#include <vector>

#include "node/imports/import_report.h"

namespace mams::auth {
class DataScope;
}
namespace mams::storage {
class Session;
}

namespace mams::imports {

/// All SQL of import_jobs, the one table of every module's import runs. A job row is written
/// when a run starts and completed when it ends; a job is seen in the scope of its org.
class ImportJobStore {
 public:
  static void Start(storage::Session& session, const ImportReport& job, const std::string& user_id);
  static void Finish(storage::Session& session, const ImportReport& job,
                     const std::string& rejected_csv, const std::string& finished_at);
  /// The job if its org is in `scope`.
  static std::optional<ImportReport> Find(storage::Session& session, const auth::DataScope& scope,
                                          const std::string& id);
  static std::optional<std::string> RejectedCsv(storage::Session& session,
                                                const auth::DataScope& scope,
                                                const std::string& id);
  /// Newest first, without the rejected rows.
  static std::vector<ImportReport> List(storage::Session& session, const auth::DataScope& scope,
                                        int limit, int offset, std::int64_t* total);
};

}  // namespace mams::imports
