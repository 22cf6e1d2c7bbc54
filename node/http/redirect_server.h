#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace mams::http {

/// A plain-HTTP listener that answers every request with 308 to the same path on the HTTPS
/// port, so browsers that type http:// end up on TLS (and then keep to it through HSTS).
class RedirectServer {
 public:
  RedirectServer(const std::string& bind, std::uint16_t port, std::uint16_t https_port);
  ~RedirectServer();
  RedirectServer(const RedirectServer&) = delete;
  RedirectServer& operator=(const RedirectServer&) = delete;

  /// Throws StartupError when the port is in use.
  void Start();
  void Stop();
  std::uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The Location for a request to `host_header` + `target`: the host without its port (only
/// letters, digits, '.', '-' and IPv6 brackets are kept; anything else falls back to
/// `fallback_host`), the HTTPS port, the target unchanged.
std::string RedirectLocation(const std::string& host_header, const std::string& target,
                             std::uint16_t https_port, const std::string& fallback_host);

}  // namespace mams::http
