#include "node/tabular/header_index.h"

#include <algorithm>

#include "node/common/errors.h"

namespace mams::tabular {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000, typed in Chinese IMEs

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// The bytes of the blank (space, tab, ideographic space) `text` starts with; 0 if none.
std::size_t LeadingBlank(std::string_view text) {
  if (StartsWith(text, kIdeographicSpace)) {
    return kIdeographicSpace.size();
  }
  return !text.empty() && IsBlank(text.front()) ? 1 : 0;
}

// The bytes of the blank `text` ends with; 0 if none.
std::size_t TrailingBlank(std::string_view text) {
  if (text.size() >= kIdeographicSpace.size() &&
      text.substr(text.size() - kIdeographicSpace.size()) == kIdeographicSpace) {
    return kIdeographicSpace.size();
  }
  return !text.empty() && IsBlank(text.back()) ? 1 : 0;
}

std::string_view Trim(std::string_view text) {
  while (const std::size_t blank = LeadingBlank(text)) {
    text.remove_prefix(blank);
  }
  while (const std::size_t blank = TrailingBlank(text)) {
    text.remove_suffix(blank);
  }
  return text;
}

std::string Normalize(std::string_view header) {
  if (StartsWith(header, kByteOrderMark)) {
    header.remove_prefix(kByteOrderMark.size());
  }
  std::string key(Trim(header));
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return key;
}

std::string Quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    out += (out.empty() ? "\"" : ", \"") + name + "\"";
  }
  return out;
}

bool Matches(const CsvColumnSpec& spec, const std::string& key) {
  return Normalize(spec.name) == key ||
         std::any_of(spec.aliases.begin(), spec.aliases.end(),
                     [&key](const std::string& alias) { return Normalize(alias) == key; });
}

// "name/客户名称": the canonical name and every accepted header.
std::string Names(const CsvColumnSpec& spec) {
  std::string out = spec.name;
  for (const auto& alias : spec.aliases) {
    out += "/" + alias;
  }
  return out;
}

}  // namespace

HeaderIndex::HeaderIndex(const CsvRecord& header, const std::vector<CsvColumnSpec>& specs) {
  for (const auto& spec : specs) {
    entries_.push_back(Entry{spec.name, std::nullopt});
  }
  named_.assign(header.fields.size(), false);
  std::vector<std::string> unknown;
  std::vector<std::string> duplicate;
  for (std::size_t position = 0; position < header.fields.size(); ++position) {
    const std::string key = Normalize(header.fields[position]);
    if (key.empty()) {
      continue;
    }
    std::optional<std::size_t> match;
    for (std::size_t s = 0; s < specs.size() && !match; ++s) {
      if (Matches(specs[s], key)) {
        match = s;
      }
    }
    const std::string shown(Trim(header.fields[position]));
    if (!match) {
      unknown.push_back(shown);
    } else if (entries_[*match].position) {
      duplicate.push_back(shown);
    } else {
      entries_[*match].position = position;
      named_[position] = true;
    }
  }
  std::vector<std::string> missing;
  for (std::size_t s = 0; s < specs.size(); ++s) {
    if (specs[s].required && !entries_[s].position) {
      missing.push_back(Names(specs[s]));
    }
  }
  if (unknown.empty() && duplicate.empty() && missing.empty()) {
    return;
  }
  std::string message;
  const auto add = [&message](const char* what, const std::vector<std::string>& names) {
    if (!names.empty()) {
      message += std::string(message.empty() ? "" : "; ") + what + ": " + Quoted(names);
    }
  };
  add("unknown columns", unknown);
  add("duplicate columns", duplicate);
  add("missing required columns", missing);
  std::string expected;
  for (const auto& spec : specs) {
    expected += (expected.empty() ? "" : ", ") + Names(spec) + (spec.required ? " (required)" : "");
  }
  throw ApiError(ErrorKind::kUnprocessable, "csv_columns",
                 message + "; expected columns: " + expected + " (表头不符)", "file")
      .With("unknown", unknown.empty() ? "" : Quoted(unknown))
      .With("duplicate", duplicate.empty() ? "" : Quoted(duplicate))
      .With("missing", missing.empty() ? "" : Quoted(missing))
      .With("expected", expected);
}

std::optional<std::size_t> HeaderIndex::Find(std::string_view name) const {
  for (const auto& entry : entries_) {
    if (entry.name == name) {
      return entry.position;
    }
  }
  throw ApiError(ErrorKind::kInternal, "csv_columns",
                 "column \"" + std::string(name) + "\" is not declared");
}

std::string_view HeaderIndex::Get(const CsvRecord& record, std::string_view name) const {
  const auto position = Find(name);
  if (!position || *position >= record.fields.size()) {
    return {};
  }
  return record.fields[*position];
}

void HeaderIndex::CheckRecord(const CsvRecord& record) const {
  for (std::size_t position = 0; position < record.fields.size(); ++position) {
    const bool named = position < named_.size() && named_[position];
    if (!named && !record.fields[position].empty()) {
      throw ApiError(ErrorKind::kUnprocessable, "csv_columns",
                     "line " + std::to_string(record.line) + ": column " +
                         std::to_string(position + 1) + " has a value but no header (表头不符)",
                     "file");
    }
  }
}

}  // namespace mams::tabular
