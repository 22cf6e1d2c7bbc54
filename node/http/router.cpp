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

std::vector<std::string_view> Router::Split(std::string_view path) {
  std::vector<std::string_view> segments;
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
  return segments;
}

void Router::Add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
  }
  if (route.permission.empty()) {
    throw std::invalid_argument("route without permission: " + route.pattern);
  }
  Compiled compiled;
  for (const std::string_view segment : Split(route.pattern)) {
    compiled.segments.emplace_back(segment);
  }
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method == route.method && compiled_[i].segments == compiled.segments) {
      throw std::invalid_argument("duplicate route: " + route.method + " " + route.pattern);
    }
  }
  if (by_length_.size() <= compiled.segments.size()) {
    by_length_.resize(compiled.segments.size() + 1);
  }
  by_length_[compiled.segments.size()].push_back(routes_.size());
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
}

bool Router::Matches(const Compiled& compiled, const std::vector<std::string_view>& segments,
                     std::map<std::string, std::string>* params) {
  if (compiled.segments.size() != segments.size()) {
    return false;
  }
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& expected = compiled.segments[i];
    if (IsParam(expected)) {
      if (params != nullptr) {
        (*params)[expected.substr(1, expected.size() - 2)] = std::string(segments[i]);
      }
    } else if (expected != segments[i]) {
      return false;
    }
  }
  return true;
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  const std::vector<std::string_view> segments = Split(path);
  Match best;
  if (segments.size() >= by_length_.size()) {
    return best;
  }
  const std::vector<std::size_t>& candidates = by_length_[segments.size()];
  int best_specificity = -1;
  for (const std::size_t i : candidates) {
    if (routes_[i].method != method || !Matches(compiled_[i], segments, nullptr)) {
      continue;
    }
    const int specificity = Specificity(compiled_[i].segments);
    if (specificity > best_specificity) {
      best_specificity = specificity;
      best.route = &routes_[i];
      best.index = i;
    }
  }
  if (best.route != nullptr) {
    Matches(compiled_[best.index], segments, &best.params);
    return best;
  }
  // No route for this method: the methods the path has, for a 405 and its Allow header.
  for (const std::size_t i : candidates) {
    if (Matches(compiled_[i], segments, nullptr) &&
        std::find(best.allowed.begin(), best.allowed.end(), routes_[i].method) ==
            best.allowed.end()) {
      best.allowed.push_back(routes_[i].method);
    }
  }
  return best;
}

}  // namespace mams::http
