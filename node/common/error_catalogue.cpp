#include "node/common/error_catalogue.h"

#include <cctype>
#include <cstdlib>

namespace mams {
namespace {

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) {
    return false;
  }
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) {
      return false;
    }
  }
  return true;
}

// "zh", "zh-CN", "zh-Hans-CN" but not "zhx".
bool IsLanguage(std::string_view range, std::string_view language) {
  return StartsWithIgnoringCase(range, language) &&
         (range.size() == language.size() || range[language.size()] == '-');
}

// The q-value of one element's parameters ("q=0.8"); 1 without one, -1 when malformed.
double QualityOf(std::string_view parameters) {
  while (!parameters.empty()) {
    const auto semicolon = parameters.find(';');
    const std::string_view parameter = Trim(parameters.substr(0, semicolon));
    parameters = semicolon == std::string_view::npos ? "" : parameters.substr(semicolon + 1);
    if (parameter.size() < 2 || (parameter[0] != 'q' && parameter[0] != 'Q') ||
        parameter[1] != '=') {
      continue;
    }
    const std::string value(parameter.substr(2));
    char* end = nullptr;
    const double q = std::strtod(value.c_str(), &end);
    const bool valid = !value.empty() && end == value.c_str() + value.size() && q >= 0 && q <= 1;
    return valid ? q : -1;
  }
  return 1;
}

void AppendCut(std::string_view value, std::string* out) {
  out->append(BoundedText(std::string(value), kMaxErrorParamBytes));
}

// The value of placeholder `name`, or null when the error has none (or an empty one).
const std::string* ValueOf(std::string_view name, const std::string& field,
                           const std::vector<ErrorParam>& params) {
  if (name == "field") {
    return field.empty() ? nullptr : &field;
  }
  for (const auto& [key, value] : params) {
    if (key == name) {
      return value.empty() ? nullptr : &value;
    }
  }
  return nullptr;
}

// Appends `text` with its placeholders filled; false (and nothing appended for the missing
// value) when one has no value.
bool Fill(std::string_view text, const std::string& field, const std::vector<ErrorParam>& params,
          std::string* out) {
  bool complete = true;
  while (!text.empty()) {
    const auto from = text.find('{');
    const auto to = from == std::string_view::npos ? from : text.find('}', from);
    if (to == std::string_view::npos) {
      out->append(text);
      break;
    }
    out->append(text.substr(0, from));
    if (const std::string* value = ValueOf(text.substr(from + 1, to - from - 1), field, params)) {
      AppendCut(*value, out);
    } else {
      complete = false;
    }
    text.remove_prefix(to + 1);
  }
  return complete;
}

}  // namespace

std::string BoundedText(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) {
    return text;
  }
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;  // not inside a UTF-8 sequence
  }
  return text.substr(0, cut) + "…";
}

Language PreferredLanguage(std::string_view accept_language) {
  Language best = Language::kChinese;
  double best_q = 0;
  while (!accept_language.empty()) {
    const auto comma = accept_language.find(',');
    const std::string_view element = accept_language.substr(0, comma);
    accept_language = comma == std::string_view::npos ? "" : accept_language.substr(comma + 1);
    const auto semicolon = element.find(';');
    const std::string_view range = Trim(element.substr(0, semicolon));
    const double q =
        semicolon == std::string_view::npos ? 1 : QualityOf(element.substr(semicolon + 1));
    Language language;
    if (IsLanguage(range, "zh")) {
      language = Language::kChinese;
    } else if (IsLanguage(range, "en")) {
      language = Language::kEnglish;
    } else {
      continue;  // a language we do not speak, or "*": the default stands
    }
    if (q > best_q) {
      best = language;
      best_q = q;
    }
  }
  return best;
}

std::string FillTemplate(std::string_view text, const std::string& field,
                         const std::vector<ErrorParam>& params) {
  std::string out;
  while (!text.empty()) {
    const auto from = text.find('[');
    const auto to = from == std::string_view::npos ? from : text.find(']', from);
    if (to == std::string_view::npos) {
      Fill(text, field, params, &out);
      break;
    }
    Fill(text.substr(0, from), field, params, &out);
    std::string optional;
    if (Fill(text.substr(from + 1, to - from - 1), field, params, &optional)) {
      out += optional;
    }
    text.remove_prefix(to + 1);
  }
  return out;
}

ErrorCatalogue::ErrorCatalogue() { Add(NodeErrorMessages(), "node"); }

void ErrorCatalogue::Add(const std::vector<ErrorMessage>& messages, const std::string& owner) {
  for (const ErrorMessage& message : messages) {
    if (message.code.empty() || message.zh.empty() || message.en.empty()) {
      throw StartupError("errors of " + owner + ": code '" + std::string(message.code) +
                         "' needs a Chinese and an English message");
    }
    const auto [at, added] = entries_.emplace(message.code, Entry{message, owner});
    if (!added) {
      throw StartupError("errors of " + owner + ": code '" + std::string(message.code) +
                         "' is already declared by " + at->second.owner);
    }
  }
}

const ErrorMessage* ErrorCatalogue::Find(std::string_view code) const {
  const auto found = entries_.find(code);
  return found == entries_.end() ? nullptr : &found->second.message;
}

std::string ErrorCatalogue::MessageFor(const ApiError& error, Language language) const {
  const ErrorMessage* entry = Find(error.code());
  if (language == Language::kEnglish || entry == nullptr) {
    const std::string thrown = error.what();
    if (!thrown.empty() || entry == nullptr) {
      return thrown;
    }
    return FillTemplate(entry->en, error.field(), error.params());
  }
  return FillTemplate(entry->zh, error.field(), error.params());
}

}  // namespace mams
