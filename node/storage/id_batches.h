#pragma once

// Reading rows for a list of ids of any length: IN lists of bounded size, so that no
// statement exceeds a backend's limit on bound values (SQLite's is 32766).
#include <string>
#include <vector>

#include "node/storage/result_set.h"

namespace mams::storage {

class Session;

/// Ids per statement: far below both backends' limits, large enough that a page of search
/// candidates or a sync batch is one statement.
constexpr std::size_t kIdsPerStatement = 500;

/// Runs `select` + "(?, …)" + `condition` for each slice of `ids`, binding the slice's ids
/// then `condition_params`; `select` ends with "… IN ". Rows come in each statement's order.
void QueryRowsForIds(Session& session, const std::string& select, const std::vector<std::string>& ids,
                     const std::string& condition, const SqlParams& condition_params,
                     const RowCallback& each);

}  // namespace mams::storage
