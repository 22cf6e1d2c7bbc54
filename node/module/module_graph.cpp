#include "node/module/module_graph.h"

#include <algorithm>
#include <map>
#include <set>

#include "node/common/errors.h"

namespace mams::module {
namespace {

class Orderer {
 public:
  explicit Orderer(const std::map<std::string, const Module*>& by_name) : by_name_(by_name) {}

  // Depth first: a module is placed after its dependencies; `path` is the chain being
  // visited, so meeting one of its members again is a cycle.
  void Visit(const Module& module) {
    if (placed_.count(module.name) > 0) {
      return;
    }
    const auto on_path = std::find(path_.begin(), path_.end(), module.name);
    if (on_path != path_.end()) {
      std::string chain;
      for (auto it = on_path; it != path_.end(); ++it) {
        chain += *it + " -> ";
      }
      throw StartupError("module '" + path_.back() + "' depends on '" + module.name +
                         "', which depends on it in turn: " + chain + module.name +
                         " (a dependency cycle)");
    }
    path_.push_back(module.name);
    for (const auto& dependency : module.depends_on) {
      const auto found = by_name_.find(dependency);
      if (found == by_name_.end()) {
        throw StartupError("module '" + module.name + "' depends on '" + dependency +
                           "', which this mams-node does not have");
      }
      Visit(*found->second);
    }
    path_.pop_back();
    placed_.insert(module.name);
    order_.push_back(module);
  }

  std::vector<Module> Take() { return std::move(order_); }

 private:
  const std::map<std::string, const Module*>& by_name_;
  std::vector<std::string> path_;
  std::set<std::string> placed_;
  std::vector<Module> order_;
};

}  // namespace

std::vector<Module> SelectModules(const std::vector<Module>& available,
                                  const std::vector<std::string>& wanted,
                                  const std::string& where) {
  std::map<std::string, const Module*> by_name;
  std::string known;
  for (const auto& module : available) {
    if (!by_name.emplace(module.name, &module).second) {
      throw StartupError("two modules are named '" + module.name + "'");
    }
    known += (known.empty() ? "" : ", ") + module.name;
  }
  std::set<std::string> roots(wanted.begin(), wanted.end());
  for (const auto& name : wanted) {
    if (by_name.count(name) == 0) {
      throw StartupError(where + ": unknown module '" + name + "' (this mams-node has: " + known +
                         ")");
    }
  }
  Orderer orderer(by_name);
  for (const auto& module : available) {
    if (wanted.empty() || roots.count(module.name) > 0) {
      orderer.Visit(module);
    }
  }
  std::vector<Module> order = orderer.Take();
  const bool synced = std::any_of(order.begin(), order.end(),
                                  [](const Module& m) { return !m.sync_tables.empty(); });
  const bool has_sync = std::any_of(order.begin(), order.end(),
                                    [](const Module& m) { return m.name == kSyncModule; });
  if (synced && !has_sync && by_name.count(kSyncModule) > 0) {
    // Visit again with sync among the roots, so that it keeps its place in `available`.
    Orderer with_sync(by_name);
    for (const auto& module : available) {
      if (wanted.empty() || roots.count(module.name) > 0 || module.name == kSyncModule) {
        with_sync.Visit(module);
      }
    }
    order = with_sync.Take();
  }
  return order;
}

}  // namespace mams::module
