#include "node/http/paging.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "node/common/errors.h"

namespace mams::http {
namespace {

int ParseBoundedInt(const std::string& name, const std::string& text, int min, int max) {
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || value < min || value > max) {
    throw ApiError(
        ErrorKind::kBadRequest, "invalid_parameter",
        name + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max),
        name)
        .With("min", std::to_string(min))
        .With("max", std::to_string(max));
  }
  return static_cast<int>(value);
}

}  // namespace

PageRequest ParsePage(const HttpRequest& request, const PageSpec& spec) {
  PageRequest page;
  page.limit = spec.default_limit;
  if (auto limit = request.Query("limit")) {
    page.limit = ParseBoundedInt("limit", *limit, 1, spec.max_limit);
  }
  if (auto offset = request.Query("offset")) {
    page.offset = ParseBoundedInt("offset", *offset, 0, spec.max_offset);
  }
  if (spec.cursor) {
    page.after = request.Query("after");
    if (page.after && request.Query("offset")) {
      throw ApiError(ErrorKind::kBadRequest, "invalid_parameter",
                     "after and offset exclude each other: a cursor says where the page starts",
                     "after");
    }
  }
  std::string sort = request.Query("sort").value_or(spec.default_sort);
  if (!sort.empty() && sort.front() == '-') {
    page.descending = true;
    sort.erase(0, 1);
  }
  const bool given = request.Query("sort").has_value();
  if ((given || !sort.empty()) &&
      std::find(spec.sort_fields.begin(), spec.sort_fields.end(), sort) == spec.sort_fields.end()) {
    std::string allowed;
    for (const auto& field : spec.sort_fields) {
      allowed += (allowed.empty() ? "" : ", ") + field;
    }
    throw ApiError(ErrorKind::kBadRequest, "invalid_parameter",
                   "sort must be one of " + allowed + " (prefix '-' for descending)", "sort")
        .With("allowed", allowed);
  }
  page.sort_field = sort;
  return page;
}

HttpResponse ListResponse(const std::string& items_json, std::size_t total,
                          const PageRequest& page) {
  HttpResponse response;
  response.body = "{\"items\":" + items_json + ",\"total\":" + std::to_string(total) +
                  ",\"limit\":" + std::to_string(page.limit) +
                  ",\"offset\":" + std::to_string(page.offset) + "}";
  response.headers.emplace_back("X-Total-Count", std::to_string(total));
  return response;
}

HttpResponse BoundedListResponse(const std::string& items_json, std::int64_t total, bool exact,
                                 const PageRequest& page, const std::optional<std::string>& next) {
  HttpResponse response;
  // The token is base64url: nothing in it needs escaping in JSON.
  response.body = "{\"items\":" + items_json + ",\"total\":" + std::to_string(total) +
                  ",\"totalExact\":" + (exact ? "true" : "false") +
                  ",\"limit\":" + std::to_string(page.limit) +
                  ",\"offset\":" + std::to_string(page.after ? 0 : page.offset) +
                  (next ? ",\"next\":\"" + *next + "\"" : std::string()) + "}";
  response.headers.emplace_back(exact ? "X-Total-Count" : "X-Total-Count-At-Least",
                                std::to_string(total));
  return response;
}

}  // namespace mams::http
