#include "node/storage/id_batches.h"

#include <algorithm>

#include "node/storage/dialect.h"
#include "node/storage/storage.h"

namespace mams::storage {

void QueryRowsForIds(Session& session, const std::string& select, const std::vector<std::string>& ids,
                     const std::string& condition, const SqlParams& condition_params,
                     const RowCallback& each) {
  for (std::size_t from = 0; from < ids.size(); from += kIdsPerStatement) {
    const auto to = std::min(ids.size(), from + kIdsPerStatement);
    SqlParams params(ids.begin() + static_cast<std::ptrdiff_t>(from),
                     ids.begin() + static_cast<std::ptrdiff_t>(to));
    params.insert(params.end(), condition_params.begin(), condition_params.end());
    session.QueryRows(select + "(" + Placeholders(to - from) + ")" + condition, params, each);
  }
}

}  // namespace mams::storage
