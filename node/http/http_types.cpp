#include "node/http/http_types.h"

namespace mams::http {

std::optional<std::string> HttpRequest::Query(const std::string& name) const {
  for (const auto& [key, value] : query) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

const std::string& HttpRequest::Header(const std::string& lower_name) const {
  static const std::string kAbsent;
  const auto found = headers.find(lower_name);
  return found == headers.end() ? kAbsent : found->second;
}

}  // namespace mams::http
