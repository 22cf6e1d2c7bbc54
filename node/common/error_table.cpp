#include "node/common/error_table.h"

#include <yaml-cpp/yaml.h>

#include <set>

#include "node/common/errors.h"
#include "node/config/yaml_reader.h"

namespace mams {
namespace {

std::string Location(const std::string& source, const YAML::Mark& mark) {
  return source + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

bool IsCode(const std::string& code) {
  if (code.empty() || code[0] < 'a' || code[0] > 'z') {
    return false;
  }
  for (const char c : code) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && !(c >= '0' && c <= '9') && c != '_') {
      return false;
    }
  }
  return true;
}

// FillTemplate reads one level of `[` `]` around placeholders `{name}`; anything else would be
// written out as it stands, so it is refused here.
bool IsWellFormed(std::string_view text) {
  int depth = 0;
  int braces = 0;
  for (const char c : text) {
    depth += c == '[' ? 1 : c == ']' ? -1 : 0;
    braces += c == '{' ? 1 : c == '}' ? -1 : 0;
    if (depth < 0 || depth > 1 || braces < 0 || braces > 1) {
      return false;
    }
  }
  return depth == 0 && braces == 0;
}

}  // namespace

ErrorTable::ErrorTable(const std::string& source, std::string_view yaml) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    throw StartupError(Location(source, e.mark) + ": invalid YAML: " + e.msg);
  }
  if (!root.IsMap()) {
    throw StartupError(source + ": expected a mapping of error codes to {zh, en}");
  }
  std::set<std::string> codes;
  for (const auto& entry : root) {
    const std::string code = entry.first.Scalar();
    const std::string where = Location(source, entry.first.Mark()) + ": " + code;
    if (!IsCode(code)) {
      throw StartupError(where + ": a code is a letter a-z, then letters, digits or '_'");
    }
    if (!codes.insert(code).second) {
      throw StartupError(where + ": declared twice");
    }
    config::YamlMap texts(entry.second, code, source);
    std::array<std::string, 3> row = {code, texts.RequireString("zh"), texts.RequireString("en")};
    texts.Finish();
    for (const std::string& text : {row[1], row[2]}) {
      if (!IsWellFormed(text)) {
        throw StartupError(where + ": '[' ']' and '{' '}' must pair up, not nested: " + text);
      }
    }
    texts_.push_back(std::move(row));
  }
  // Views last: texts_ no longer grows, so its strings stay where they are.
  messages_.reserve(texts_.size());
  for (const auto& [code, zh, en] : texts_) {
    messages_.push_back({code, zh, en});
  }
}

}  // namespace mams
