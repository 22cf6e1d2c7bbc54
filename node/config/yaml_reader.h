#pragma once

// Internal to node/config: typed access to one YAML mapping that remembers which keys were
// read, so Finish() can refuse the rest. Errors carry file:line:column and the dotted key.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mams::config {

/// A top-level mapping of the config file that is not one of the node's own sections: a
/// module's section, read against the module's declaration at start (module_section.h).
struct RawSection {
  std::string name;
  YAML::Node value;
  YAML::Mark key_mark;
};

/// Every such section of one file, in file order.
struct ModuleSections {
  std::vector<RawSection> sections;
};

class YamlMap {
 public:
  /// `node` must be a mapping (or absent/null at the top level); `path` is its dotted key.
  /// `locations`, when given, receives "file:line:column" of every key read.
  YamlMap(const YAML::Node& node, std::string path, std::string source,
          std::map<std::string, std::string>* locations = nullptr);

  std::string RequireString(const char* key);
  std::optional<std::string> OptionalString(const char* key);
  std::string String(const char* key, const std::string& fallback);
  std::int64_t Int(const char* key, std::int64_t fallback, std::int64_t min, std::int64_t max);
  bool Bool(const char* key, bool fallback);
  std::vector<std::string> StringList(const char* key);
  YamlMap RequireMap(const char* key);
  std::optional<YamlMap> OptionalMap(const char* key);
  /// A list of mappings (empty when the key is absent); items are named "key[i]".
  std::vector<YamlMap> MapList(const char* key);

  /// Keys no accessor asked for whose values are mappings, in file order; they count as read.
  std::vector<RawSection> TakeUnreadMaps();

  /// Refuses keys that no accessor asked for.
  void Finish();

  /// Throws StartupError located at `key` (or at this mapping when the key is absent).
  [[noreturn]] void Fail(const char* key, const std::string& message) const;
  /// Throws StartupError located at this mapping itself.
  [[noreturn]] void FailHere(const std::string& message) const;

 private:
  YAML::Node Lookup(const char* key);
  std::string KeyPath(const std::string& key) const;
  [[noreturn]] void FailAt(const YAML::Mark& mark, const std::string& key_path,
                           const std::string& message) const;

  YAML::Node node_;
  std::string path_;
  std::string source_;
  std::set<std::string> seen_;
  std::map<std::string, std::string>* locations_;
};

}  // namespace mams::config
