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

std::vector<std::string> Router::Split(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    const std::size_t end = std::min(path.find('/', start), path.size());
    segments.emplace_back(path.substr(start, end - start));
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
  Compiled compiled{Split(route.pattern)};
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method == route.method && compiled_[i].segments == compiled.segments) {
      throw std::invalid_argument("duplicate route: " + route.method + " " + route.pattern);
    }
  }
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
}

bool Router::Matches(const Compiled& compiled, const std::vector<std::string>& segments,
                     std::map<std::string, std::string>* params) {
  if (compiled.segments.size() != segments.size()) {
    return false;
  }
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& expected = compiled.segments[i];
    if (IsParam(expected)) {
      if (params != nullptr) {
        (*params)[expected.substr(1, expected.size() - 2)] = segments[i];
      }
    } else if (expected != segments[i]) {
      return false;
    }
  }
  return true;
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  const std::vector<std::string> segments = Split(path);
  Match best;
  int best_specificity = -1;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!Matches(compiled_[i], segments, nullptr)) {
      continue;
    }
    if (routes_[i].method != method) {
      if (std::find(best.allowed.begin(), best.allowed.end(), routes_[i].method) ==
          best.allowed.end()) {
        best.allowed.push_back(routes_[i].method);
      }
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
    best.params.clear();
    Matches(compiled_[best.index], segments, &best.params);
    best.allowed.clear();
  }
  return best;
}

}  // namespace mams::http
