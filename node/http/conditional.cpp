#include "node/http/conditional.h"

#include <cstdlib>

#include "node/common/errors.h"

namespace mams::http {

std::optional<std::int64_t> IfMatchVersion(const HttpRequest& request) {
  std::string value = request.Header("if-match");
  if (value.empty()) {
    return std::nullopt;
  }
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  char* end = nullptr;
  const long long version = std::strtoll(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || version < 0) {
    throw ApiError(ErrorKind::kBadRequest, "invalid_if_match", "If-Match must be a row version");
  }
  return version;
}

void SetETag(HttpResponse* response, std::int64_t version) {
  response->headers.emplace_back("ETag", "\"" + std::to_string(version) + "\"");
}

}  // namespace mams::http
