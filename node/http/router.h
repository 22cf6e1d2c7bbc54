#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "node/http/http_types.h"

namespace mams::http {

/// Maps (method, path) to a route. Patterns are literal segments and `{name}` parameters
/// matching one non-empty segment; literal segments win over parameters. Built once at
/// start; matching is read-only and thread-safe.
class Router {
 public:
  /// Throws std::invalid_argument for a malformed or duplicate pattern (a defect).
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;  ///< null when nothing matched
    std::size_t index = 0;         ///< position in routes(), for metrics
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed;  ///< methods of the path, when only the method differs
  };

  Match Find(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  ///< "{x}" marks a parameter
  };
  /// The non-empty segments of `path`, pointing into it.
  static std::vector<std::string_view> Split(std::string_view path);
  static bool Matches(const Compiled& compiled, const std::vector<std::string_view>& segments,
                      std::map<std::string, std::string>* params);

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
  /// Route positions by segment count: a path is compared only with patterns as long as it.
  std::vector<std::vector<std::size_t>> by_length_;
};

}  // namespace mams::http
