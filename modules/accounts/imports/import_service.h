#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/customers/customer_service.h"
#include "modules/accounts/imports/import_rows.h"
#include "node/imports/import_report.h"

namespace mams::scope {
class OrgDirectory;
}

namespace mams::accounts {

// The report every module's imports share (node/imports/).
using imports::ImportReport;
using imports::RejectedRow;

/// CSV imports of customers, contacts and revenue (批量导入). A dry run checks every row
/// against the same rules as the API and what is stored, and writes nothing but its report.
/// An apply commits the good rows in one transaction per batch; a row that fails is
/// reported, never half-written, and the rejected rows are kept as a downloadable CSV.
/// Revenue imports regrade the customers they touch. Thread-safe.
class ImportService {
 public:
  static constexpr std::size_t kBatchRows = 10000;
  /// Page cache of an applying import's connection (SQLite), enough for a batch's dirty
  /// pages of the customers table and its indexes (bench/history/, the customers import figures).
  static constexpr int kBulkCacheMib = 256;
  static constexpr std::size_t kMaxReportedRows = 1000;

  ImportService(AccountsContext& context, CustomerService& customers,
                const scope::OrgDirectory& orgs)
      : context_(context), customers_(customers), orgs_(orgs) {}

  /// Throws ApiError 422 for a file that cannot be read at all (encoding, CSV syntax,
  /// columns, no rows); nothing is written then.
  ImportReport Run(const CustomerVisibility& visibility, ImportKind kind, const std::string& bytes,
                   bool apply, const audit::Actor& actor);
  /// Jobs whose org is in the caller's scope; 404 otherwise.
  ImportReport Find(const CustomerVisibility& visibility, const std::string& id);
  std::string RejectedCsv(const CustomerVisibility& visibility, const std::string& id);
  std::vector<ImportReport> List(const CustomerVisibility& visibility, int limit, int offset,
                                 std::int64_t* total);

 private:
  AccountsContext& context_;
  CustomerService& customers_;
  const scope::OrgDirectory& orgs_;
};

}  // namespace mams::accounts
