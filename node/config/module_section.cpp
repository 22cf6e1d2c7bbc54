// A module's configuration section: parsed with the node's YAML reader against the keys the
// module declares, so its errors read like the node's own (file:line:column: key: message).
#include "node/config/module_section.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "node/common/enum_names.h"
#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/config/yaml_reader.h"

namespace mams::config {
namespace {

constexpr EnumName<FieldType> kTypeNames[] = {
    {FieldType::kInt, "integer"},
    {FieldType::kString, "string"},
    {FieldType::kBool, "true/false"},
    {FieldType::kStringList, "list of strings"},
};

std::string FormatValue(const FieldValue& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) {
    return std::to_string(*number);
  }
  if (const auto* text = std::get_if<std::string>(&value)) {
    return "\"" + *text + "\"";
  }
  if (const auto* flag = std::get_if<bool>(&value)) {
    return *flag ? "true" : "false";
  }
  std::string list = "[";
  for (const auto& item : std::get<std::vector<std::string>>(value)) {
    list += (list.size() > 1 ? ", " : "") + item;
  }
  return list + "]";
}

FieldValue ReadField(YamlMap& map, const FieldDecl& field) {
  const char* key = field.key.c_str();
  switch (field.type) {
    case FieldType::kInt:
      return map.Int(key, std::get<std::int64_t>(field.fallback), field.min, field.max);
    case FieldType::kString:
      return map.String(key, std::get<std::string>(field.fallback));
    case FieldType::kBool:
      return map.Bool(key, std::get<bool>(field.fallback));
    case FieldType::kStringList: {
      auto items = map.StringList(key);
      return items.empty() ? std::get<std::vector<std::string>>(field.fallback) : items;
    }
  }
  throw std::logic_error("unhandled field type");
}

const RawSection* FindSection(const NodeConfig& config, const std::string& name) {
  if (!config.module_sections) {
    return nullptr;
  }
  for (const auto& section : config.module_sections->sections) {
    if (section.name == name) {
      return &section;
    }
  }
  return nullptr;
}

}  // namespace

FieldDecl FieldDecl::Int(std::string name, std::int64_t value, std::int64_t lowest,
                         std::int64_t highest, std::string text) {
  return {std::move(name), FieldType::kInt, value, std::move(text), lowest, highest};
}

FieldDecl FieldDecl::String(std::string name, std::string value, std::string text) {
  return {std::move(name), FieldType::kString, std::move(value), std::move(text)};
}

FieldDecl FieldDecl::Bool(std::string name, bool value, std::string text) {
  return {std::move(name), FieldType::kBool, value, std::move(text)};
}

FieldDecl FieldDecl::StringList(std::string name, std::string text) {
  return {std::move(name), FieldType::kStringList, std::vector<std::string>{}, std::move(text)};
}

const FieldValue& SectionValues::Find(const std::string& key) const {
  const auto found = values_.find(key);
  if (found == values_.end()) {
    throw std::logic_error("configuration key '" + key + "' is not declared by the module");
  }
  return found->second;
}

std::int64_t SectionValues::Int(const std::string& key) const {
  return std::get<std::int64_t>(Find(key));
}

const std::string& SectionValues::String(const std::string& key) const {
  return std::get<std::string>(Find(key));
}

bool SectionValues::Bool(const std::string& key) const { return std::get<bool>(Find(key)); }

const std::vector<std::string>& SectionValues::StringList(const std::string& key) const {
  return std::get<std::vector<std::string>>(Find(key));
}

SectionValues ReadSection(const NodeConfig& config, const std::string& name,
                          const std::vector<FieldDecl>& fields) {
  std::map<std::string, FieldValue> values;
  const RawSection* raw = FindSection(config, name);
  if (raw == nullptr) {
    for (const auto& field : fields) {
      values[field.key] = field.fallback;
    }
    return SectionValues(std::move(values));
  }
  YamlMap map(raw->value, name, config.source_file);
  for (const auto& field : fields) {
    values[field.key] = ReadField(map, field);
  }
  map.Finish();
  return SectionValues(std::move(values));
}

std::vector<std::string> UnclaimedSections(const NodeConfig& config,
                                           const std::vector<std::string>& known) {
  std::vector<std::string> messages;
  if (!config.module_sections) {
    return messages;
  }
  std::string names;
  for (const auto& name : known) {
    names += (names.empty() ? "" : ", ") + name;
  }
  for (const auto& section : config.module_sections->sections) {
    if (std::find(known.begin(), known.end(), section.name) == known.end()) {
      messages.push_back(config.source_file + ":" + std::to_string(section.key_mark.line + 1) +
                         ":" + std::to_string(section.key_mark.column + 1) + ": " +
                         section.name +
                         ": unknown key (neither a section of the node nor a module of this "
                         "mams-node: " +
                         names + ")");
    }
  }
  return messages;
}

std::string DescribeSection(const std::string& name, const std::vector<FieldDecl>& fields) {
  std::ostringstream out;
  out << name << ":\n";
  for (const auto& field : fields) {
    out << "  " << field.key << ": " << FormatValue(field.fallback) << "  # "
        << NameOf(kTypeNames, field.type);
    if (field.type == FieldType::kInt) {
      out << " " << field.min << ".." << field.max;
    }
    out << "; " << field.description << "\n";
  }
  return out.str();
}

}  // namespace mams::config
