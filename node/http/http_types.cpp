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
  for (auto header = headers.rbegin(); header != headers.rend(); ++header) {
    if (header->first == lower_name) {
      return header->second;
    }
  }
  return kAbsent;
}

}  // namespace mams::http
