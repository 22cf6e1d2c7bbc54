#include "node/config/yaml_reader.h"

#include "node/common/errors.h"

namespace mams::config {
namespace {

std::string Describe(const YAML::Node& node) {
  if (node.IsScalar()) {
    return "'" + node.Scalar() + "'";
  }
  if (node.IsSequence()) {
    return "a list";
  }
  if (node.IsMap()) {
    return "a mapping";
  }
  return "nothing";
}

}  // namespace

YamlMap::YamlMap(const YAML::Node& node, std::string path, std::string source,
                 std::map<std::string, std::string>* locations)
    : node_(node), path_(std::move(path)), source_(std::move(source)), locations_(locations) {
  if (node_.IsNull() && path_.empty()) {
    FailHere("the file is empty; expected a mapping with node and storage sections");
  }
  if (!node_.IsMap()) {
    FailAt(node_.Mark(), path_.empty() ? "(top level)" : path_,
           "expected a mapping, got " + Describe(node_));
  }
}

YAML::Node YamlMap::Lookup(const char* key) {
  seen_.insert(key);
  const YAML::Node& map = node_;  // const: operator[] must not insert missing keys
  YAML::Node child = map[key];
  if (locations_ != nullptr && child.IsDefined() && !child.Mark().is_null()) {
    (*locations_)[KeyPath(key)] = source_ + ":" + std::to_string(child.Mark().line + 1) + ":" +
                                  std::to_string(child.Mark().column + 1);
  }
  return child;
}

std::string YamlMap::KeyPath(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

void YamlMap::FailAt(const YAML::Mark& mark, const std::string& key_path,
                     const std::string& message) const {
  std::string location = source_;
  if (!mark.is_null()) {
    location += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  }
  throw StartupError(location + ": " + key_path + ": " + message);
}

void YamlMap::Fail(const char* key, const std::string& message) const {
  const YAML::Node& map = node_;
  const YAML::Node child = map[key];
  FailAt(child.IsDefined() ? child.Mark() : node_.Mark(), KeyPath(key), message);
}

void YamlMap::FailHere(const std::string& message) const {
  FailAt(node_.Mark(), path_.empty() ? "(top level)" : path_, message);
}

std::optional<std::string> YamlMap::OptionalString(const char* key) {
  const YAML::Node child = Lookup(key);
  if (!child.IsDefined() || child.IsNull()) {
    return std::nullopt;
  }
  if (!child.IsScalar()) {
    Fail(key, "expected a string, got " + Describe(child));
  }
  return child.Scalar();
}

std::string YamlMap::RequireString(const char* key) {
  auto value = OptionalString(key);
  if (!value) {
    Fail(key, "required key is missing");
  }
  if (value->empty()) {
    Fail(key, "must not be empty");
  }
  return *value;
}

std::string YamlMap::String(const char* key, const std::string& fallback) {
  return OptionalString(key).value_or(fallback);
}

std::int64_t YamlMap::Int(const char* key, std::int64_t fallback, std::int64_t min,
                          std::int64_t max) {
  const YAML::Node child = Lookup(key);
  if (!child.IsDefined() || child.IsNull()) {
    return fallback;
  }
  const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  std::int64_t value = 0;
  if (!child.IsScalar() || !YAML::convert<std::int64_t>::decode(child, value)) {
    Fail(key, "expected " + range + ", got " + Describe(child));
  }
  if (value < min || value > max) {
    Fail(key, "expected " + range + ", got " + std::to_string(value));
  }
  return value;
}

bool YamlMap::Bool(const char* key, bool fallback) {
  const YAML::Node child = Lookup(key);
  if (!child.IsDefined() || child.IsNull()) {
    return fallback;
  }
  bool value = false;
  if (!child.IsScalar() || !YAML::convert<bool>::decode(child, value)) {
    Fail(key, "expected true or false, got " + Describe(child));
  }
  return value;
}

std::vector<std::string> YamlMap::StringList(const char* key) {
  const YAML::Node child = Lookup(key);
  std::vector<std::string> items;
  if (!child.IsDefined() || child.IsNull()) {
    return items;
  }
  if (!child.IsSequence()) {
    Fail(key, "expected a list of strings, got " + Describe(child));
  }
  for (const auto& item : child) {
    if (!item.IsScalar()) {
      FailAt(item.Mark(), KeyPath(key), "expected a string, got " + Describe(item));
    }
    items.push_back(item.Scalar());
  }
  return items;
}

std::optional<YamlMap> YamlMap::OptionalMap(const char* key) {
  const YAML::Node child = Lookup(key);
  if (!child.IsDefined() || child.IsNull()) {
    return std::nullopt;
  }
  if (!child.IsMap()) {
    Fail(key, "expected a mapping, got " + Describe(child));
  }
  return YamlMap(child, KeyPath(key), source_, locations_);
}

std::vector<YamlMap> YamlMap::MapList(const char* key) {
  const YAML::Node child = Lookup(key);
  std::vector<YamlMap> items;
  if (!child.IsDefined() || child.IsNull()) {
    return items;
  }
  if (!child.IsSequence()) {
    Fail(key, "expected a list of mappings, got " + Describe(child));
  }
  std::size_t index = 0;
  for (const auto& item : child) {
    const std::string path = KeyPath(key) + "[" + std::to_string(index++) + "]";
    if (!item.IsMap()) {
      FailAt(item.Mark(), path, "expected a mapping, got " + Describe(item));
    }
    items.emplace_back(item, path, source_, locations_);
  }
  return items;
}

YamlMap YamlMap::RequireMap(const char* key) {
  auto map = OptionalMap(key);
  if (!map) {
    Fail(key, "required section is missing");
  }
  return std::move(*map);
}

std::vector<RawSection> YamlMap::TakeUnreadMaps() {
  std::vector<RawSection> taken;
  for (const auto& entry : node_) {
    const std::string key = entry.first.Scalar();
    if (seen_.count(key) == 0 && entry.second.IsMap()) {
      seen_.insert(key);
      taken.push_back({key, entry.second, entry.first.Mark()});
    }
  }
  return taken;
}

void YamlMap::Finish() {
  for (const auto& entry : node_) {
    const std::string key = entry.first.Scalar();
    if (seen_.count(key) == 0) {
      FailAt(entry.first.Mark(), KeyPath(key), "unknown key");
    }
  }
}

}  // namespace mams::config
