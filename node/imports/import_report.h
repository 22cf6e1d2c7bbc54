#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mams::imports {

/// A row an import did not take, and why.
struct RejectedRow {
  std::size_t line = 0;  ///< physical line in the file where the row starts (header = 1)
  std::string column;    ///< the offending column (canonical name), or empty
  std::string reason;
  std::vector<std::string> fields;  ///< the row as it was in the file
};

/// The outcome of a dry run or an apply (also what GET /imports/{id} shows).
struct ImportReport {
  std::string id;
  std::string kind;
  std::string mode;      ///< dry-run | apply
  std::string status;    ///< running | done
  std::string encoding;  ///< UTF-8 | GBK
  std::string username;
  std::string org_code;
  std::string created_at;
  std::int64_t rows_total = 0;
  std::int64_t rows_ok = 0;  ///< valid (dry run) or committed (apply)
  std::int64_t rows_rejected = 0;
  std::vector<RejectedRow> rejected;  ///< at most the reported rows, in file order
};

}  // namespace mams::imports
