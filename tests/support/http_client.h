#pragma once

// A small blocking HTTP client over POCO for tests against a real server on loopback.
#include <cstdint>
#include <map>
#include <string>

namespace mams::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  ///< names as sent by the server
  std::string Header(const std::string& name) const;
};

/// Sends `Accept-Language: en` unless `headers` sets it (errors answer in Chinese by default).
HttpResult HttpCall(std::uint16_t port, const std::string& method, const std::string& target,
                    const std::string& body = {},
                    const std::map<std::string, std::string>& headers = {});

inline HttpResult HttpGet(std::uint16_t port, const std::string& target) {
  return HttpCall(port, "GET", target);
}

}  // namespace mams::testing
