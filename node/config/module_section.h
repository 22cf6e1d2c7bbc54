#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace mams::config {

struct NodeConfig;

/// The type of one key of a module's configuration section.
enum class FieldType { kInt, kString, kBool, kStringList };

/// A value of a module's configuration key, or a key's default.
using FieldValue = std::variant<std::int64_t, std::string, bool, std::vector<std::string>>;

/// One key of a module's configuration section, declared once with its type, default, range
/// and description; the section is parsed, refused and documented from these alone.
struct FieldDecl {
  std::string key;
  FieldType type = FieldType::kString;
  FieldValue fallback;  ///< used when the key is absent
  std::string description;
  std::int64_t min = 0;  ///< kInt only
  std::int64_t max = 0;  ///< kInt only

  static FieldDecl Int(std::string name, std::int64_t value, std::int64_t lowest,
                       std::int64_t highest, std::string text);
  static FieldDecl String(std::string name, std::string value, std::string text);
  static FieldDecl Bool(std::string name, bool value, std::string text);
  /// Empty by default.
  static FieldDecl StringList(std::string name, std::string text);
};

/// A module's configuration section as read at start: every declared key, with its default
/// when the file leaves it out. Asking for an undeclared key or the wrong type is a defect
/// of the module and throws std::logic_error.
class SectionValues {
 public:
  SectionValues() = default;
  explicit SectionValues(std::map<std::string, FieldValue> values) : values_(std::move(values)) {}

  std::int64_t Int(const std::string& key) const;
  const std::string& String(const std::string& key) const;
  bool Bool(const std::string& key) const;
  const std::vector<std::string>& StringList(const std::string& key) const;

 private:
  const FieldValue& Find(const std::string& key) const;
  std::map<std::string, FieldValue> values_;
};

/// Reads the section `name` of the node's config file against `fields`. Throws StartupError
/// "file:line:column: name.key: message" for a wrong type, a value out of range or a key the
/// module does not declare; an absent section gives every default.
SectionValues ReadSection(const NodeConfig& config, const std::string& name,
                          const std::vector<FieldDecl>& fields);

/// Top-level sections of the file that are neither the node's own nor in `known` (module
/// names), as "file:line:column: key: unknown key …" messages, in file order.
std::vector<std::string> UnclaimedSections(const NodeConfig& config,
                                           const std::vector<std::string>& known);

/// The section as documentation: one line per key with its type, default and description.
std::string DescribeSection(const std::string& name, const std::vector<FieldDecl>& fields);

}  // namespace mams::config
