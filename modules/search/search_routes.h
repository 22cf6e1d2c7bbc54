#pragma once

#include <string>
#include <vector>

#include "node/http/http_types.h"

namespace mams::module {
struct Extensions;
}
namespace mams::storage {
class Storage;
}

namespace mams::search {

/// GET /api/v1/search: the console's one search box, answered by every module's search
/// provider the caller may use (module::SearchProvider), grouped by kind.
std::vector<http::Route> SearchRoutes(const module::Extensions& extensions,
                                      storage::Storage& storage, const std::string& permission);

}  // namespace mams::search
