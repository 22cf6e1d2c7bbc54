#include "node/storage/write_hooks.h"

#include <cctype>

namespace mams::storage {
namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string_view SkipSpaces(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) {
    text.remove_prefix(1);
  }
  return text;
}

// Consumes `word` (case-insensitive) followed by a space; false leaves `text` alone.
bool Take(std::string_view* text, std::string_view word) {
  if (text->size() <= word.size() || !IsSpace((*text)[word.size()])) {
    return false;
  }
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>((*text)[i])) != word[i]) {
      return false;
    }
  }
  *text = SkipSpaces(text->substr(word.size()));
  return true;
}

std::string_view Identifier(std::string_view text) {
  std::size_t end = 0;
  while (end < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_')) {
    ++end;
  }
  return text.substr(0, end);
}

}  // namespace

StatementTarget TargetOf(std::string_view sql) {
  std::string_view text = SkipSpaces(sql);
  StatementTarget target;
  if (Take(&text, "INSERT") || Take(&text, "REPLACE")) {
    if (Take(&text, "OR")) {
      if (!Take(&text, "IGNORE")) {
        Take(&text, "REPLACE");
      }
    }
    Take(&text, "IGNORE");
    if (!Take(&text, "INTO")) {
      return target;
    }
    target.kind = StatementTarget::Kind::kInsert;
  } else if (Take(&text, "UPDATE")) {
    target.kind = StatementTarget::Kind::kUpdate;
  } else if (Take(&text, "DELETE")) {
    if (!Take(&text, "FROM")) {
      return target;
    }
    target.kind = StatementTarget::Kind::kDelete;
  } else {
    return target;
  }
  target.table = Identifier(text);
  if (target.table.empty()) {
    target.kind = StatementTarget::Kind::kNone;
  }
  return target;
}

}  // namespace mams::storage
