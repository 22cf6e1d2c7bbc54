#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "node/common/errors.h"

namespace mams {

/// The language of an API answer's error message. Start-up errors and logs stay English.
enum class Language { kChinese, kEnglish };

/// The language an `Accept-Language` header asks for: the acceptable range with the highest
/// q-value among those we speak (`zh`, `zh-*` → Chinese; `en`, `en-*` → English), the first
/// listed on a tie; Chinese when the header is missing, unknown or malformed (as the console).
Language PreferredLanguage(std::string_view accept_language);

/// The messages of one error code, declared as data beside the code that throws it (a
/// module's `<module>_errors.yaml`, read by ErrorTable).
/// Templates hold `{field}` (the error's field) and named parameters (`{max}`, set with
/// ApiError::With). A part in `[` `]` is written only when every placeholder in it has a
/// value, so one template serves throw sites that name a value and those that do not.
/// `en` documents the English message; answers in English carry the thrown message itself.
struct ErrorMessage {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
};

/// Codes of node/ itself: HTTP framing, JSON bodies, sign-in and permissions, paging,
/// generic field errors, tabular files, storage. Declared in node/common/node_errors.yaml
/// (compiled in by mams_error_table); throws StartupError when that file is malformed.
const std::vector<ErrorMessage>& NodeErrorMessages();

/// Fills `text` (a template, see ErrorMessage) from `field` and `params`; each value is cut
/// at a character boundary to kMaxErrorParamBytes, so user input cannot fill a message.
std::string FillTemplate(std::string_view text, const std::string& field,
                         const std::vector<ErrorParam>& params);

/// Longest value a parameter contributes to a message.
inline constexpr std::size_t kMaxErrorParamBytes = 100;

/// `text` cut to at most `limit` bytes at a UTF-8 character boundary, with "…" when cut.
std::string BoundedText(const std::string& text, std::size_t limit);

/// Every error code the node may answer with, and its messages. Built once at start from
/// NodeErrorMessages and each loaded module's table; read-only (thread-safe) afterwards.
class ErrorCatalogue {
 public:
  /// Holds NodeErrorMessages.
  ErrorCatalogue();

  /// Adds the table `owner` (a module name) declares. Throws StartupError naming both
  /// owners when a code is declared twice, and naming the code when a message is missing.
  void Add(const std::vector<ErrorMessage>& messages, const std::string& owner);

  /// The entry for `code`, or null.
  const ErrorMessage* Find(std::string_view code) const;

  /// The message `error` is answered with: in English the thrown message (the catalogue's
  /// template when that is empty); in Chinese the catalogue's template, or the thrown
  /// message for a code without one.
  std::string MessageFor(const ApiError& error, Language language) const;

 private:
  struct Entry {
    ErrorMessage message;
    std::string owner;
  };
  std::unordered_map<std::string_view, Entry> entries_;
};

}  // namespace mams
