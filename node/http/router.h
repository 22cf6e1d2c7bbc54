#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
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
    int specificity = 0;                ///< literal segments before the first parameter
  };
  /// One segment position of the patterns: a tree, so that a path is compared segment by
  /// segment with the patterns that share its beginning instead of with every route.
  struct Node {
    std::vector<std::pair<std::string, std::size_t>> literals;  ///< sorted; child node ids
    std::size_t parameter = 0;                                  ///< child node id; 0: none
    std::vector<std::size_t> routes;  ///< routes whose pattern ends here, in the order added
  };
  /// The non-empty segments of `path`, pointing into it.
  static void SplitInto(std::string_view path, std::vector<std::string_view>* segments);
  std::size_t ChildFor(std::size_t node, const std::string& segment);
  /// Appends the routes whose pattern matches segments[depth..] below `node`.
  void Collect(std::size_t node, const std::vector<std::string_view>& segments, std::size_t depth,
               std::vector<std::size_t>* matched) const;

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
  std::vector<Node> nodes_{Node{}};  ///< nodes_[0] is the root
};

}  // namespace mams::http
