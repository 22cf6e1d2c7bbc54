#include "node/http/router.h"

#include <algorithm>
#include <stdexcept>

namespace mams::http {
namespace {

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Literal segments before the first parameter decide priority: /orgs/tree beats /orgs/{code}.
int Specificity(const std::vector<std::string>& segments) {
  int literal = 0;
  for (const auto& segment : segments) {
    if (IsParam(segment)) {
      break;
    }
    ++literal;
  }
  return literal;
}

}  // namespace

void Router::SplitInto(std::string_view path, std::vector<std::string_view>* segments_out) {
  std::vector<std::string_view>& segments = *segments_out;
  segments.clear();
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    const std::size_t end = std::min(path.find('/', start), path.size());
    segments.push_back(path.substr(start, end - start));
    start = end;
  }
}

void Router::Add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
  }
  if (route.permission.empty()) {
    throw std::invalid_argument("route without permission: " + route.pattern);
  }
  Compiled compiled;
  std::vector<std::string_view> pattern_segments;
  SplitInto(route.pattern, &pattern_segments);
  for (const std::string_view segment : pattern_segments) {
    compiled.segments.emplace_back(segment);
  }
  compiled.specificity = Specificity(compiled.segments);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method == route.method && compiled_[i].segments == compiled.segments) {
      throw std::invalid_argument("duplicate route: " + route.method + " " + route.pattern);
    }
  }
  std::size_t node = 0;
  for (const std::string& segment : compiled.segments) {
    node = ChildFor(node, segment);
  }
  nodes_[node].routes.push_back(routes_.size());
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
}

std::size_t Router::ChildFor(std::size_t node, const std::string& segment) {
  if (IsParam(segment)) {
    if (nodes_[node].parameter == 0) {
      nodes_[node].parameter = nodes_.size();  // the root is never a child, so 0 means none
      nodes_.emplace_back();
    }
    return nodes_[node].parameter;
  }
  auto& literals = nodes_[node].literals;
  auto at =
      std::lower_bound(literals.begin(), literals.end(), segment,
                       [](const auto& child, const std::string& s) { return child.first < s; });
  if (at != literals.end() && at->first == segment) {
    return at->second;
  }
  const std::size_t child = nodes_.size();
  literals.insert(at, {segment, child});
  nodes_.emplace_back();  // after the insert: `literals` points into nodes_
  return child;
}

void Router::Collect(std::size_t node, const std::vector<std::string_view>& segments,
                     std::size_t depth, std::vector<std::size_t>* matched) const {
  const Node& here = nodes_[node];
  if (depth == segments.size()) {
    matched->insert(matched->end(), here.routes.begin(), here.routes.end());
    return;
  }
  const std::string_view segment = segments[depth];
  const auto at = std::lower_bound(
      here.literals.begin(), here.literals.end(), segment,
      [](const auto& child, std::string_view s) { return std::string_view(child.first) < s; });
  if (at != here.literals.end() && at->first == segment) {
    Collect(at->second, segments, depth + 1, matched);
  }
  if (here.parameter != 0) {  // a parameter takes any one non-empty segment
    Collect(here.parameter, segments, depth + 1, matched);
  }
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  // Kept per thread: two allocations per request otherwise. Both are filled and read here
  // only, before returning.
  thread_local std::vector<std::string_view> segments;
  thread_local std::vector<std::size_t> matched;
  SplitInto(path, &segments);
  matched.clear();
  Collect(0, segments, 0, &matched);
  std::sort(matched.begin(), matched.end());  // the order added decides among equals
  Match best;
  int best_specificity = -1;
  for (const std::size_t i : matched) {
    if (routes_[i].method == method && compiled_[i].specificity > best_specificity) {
      best_specificity = compiled_[i].specificity;
      best.route = &routes_[i];
      best.index = i;
    }
  }
  if (best.route != nullptr) {
    const std::vector<std::string>& pattern = compiled_[best.index].segments;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (IsParam(pattern[i])) {
        best.params[pattern[i].substr(1, pattern[i].size() - 2)] = std::string(segments[i]);
      }
    }
    return best;
  }
  // No route for this method: the methods the path has, for a 405 and its Allow header.
  for (const std::size_t i : matched) {
    if (std::find(best.allowed.begin(), best.allowed.end(), routes_[i].method) ==
        best.allowed.end()) {
      best.allowed.push_back(routes_[i].method);
    }
  }
  return best;
}

}  // namespace mams::http
