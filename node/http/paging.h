#pragma once

#include <string>
#include <vector>

#include "node/http/http_types.h"

namespace mams::http {

/// What a list endpoint accepts; see docs/api.md "Lists".
struct PageSpec {
  int default_limit = 50;
  int max_limit = 500;
  std::vector<std::string> sort_fields;  ///< allowed values of `sort` (without '-')
  std::string default_sort;
};

struct PageRequest {
  int limit = 50;
  int offset = 0;
  std::string sort_field;
  bool descending = false;
};

/// Reads `limit`, `offset` and `sort` (`field` or `-field`). Throws ApiError 400 naming the
/// parameter when a value is not a number, out of range, or an unknown sort field.
PageRequest ParsePage(const HttpRequest& request, const PageSpec& spec);

/// Sets `X-Total-Count` and wraps items as `{"items":[...],"total","limit","offset"}`.
HttpResponse ListResponse(const std::string& items_json, std::size_t total,
                          const PageRequest& page);

}  // namespace mams::http
