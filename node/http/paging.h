#pragma once

#include <cstdint>
#include <optional>
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
  int max_offset = 100000000;  ///< deeper pages are reached by cursor where the list has one
  bool cursor = false;         ///< whether the list takes `after` (a `next` it gave)
};

struct PageRequest {
  int limit = 50;
  int offset = 0;
  std::string sort_field;
  bool descending = false;
  std::optional<std::string> after = std::nullopt;  ///< the raw token, where the spec takes one
};

/// Reads `limit`, `offset`, `sort` (`field` or `-field`) and, where the spec says so, `after`.
/// Throws ApiError 400 naming the parameter when a value is not a number, out of range, or
/// an unknown sort field, or when `after` comes with an `offset`.
PageRequest ParsePage(const HttpRequest& request, const PageSpec& spec);

/// Sets `X-Total-Count` and wraps items as `{"items":[...],"total","limit","offset"}`.
HttpResponse ListResponse(const std::string& items_json, std::size_t total,
                          const PageRequest& page);

/// A list whose count may stop at a bound: `{"items","total","totalExact","limit","offset"}`
/// and `"next"` (the cursor of the following page) when there is one. `X-Total-Count` when
/// the total is exact; otherwise `X-Total-Count-At-Least` instead, so that a client reading
/// the usual header never takes a bound for the total.
HttpResponse BoundedListResponse(const std::string& items_json, std::int64_t total, bool exact,
                                 const PageRequest& page, const std::optional<std::string>& next);

}  // namespace mams::http
