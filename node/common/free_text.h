#pragma once

// Free text from people (names, subjects, remarks): which control characters it may hold.
// Shared by every module, and by the API and the imports alike, so all refuse the same values.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace mams {

/// Whether a free-text field may span lines: multi-line fields (remarks, visit content and
/// follow-up, reasons, message bodies) may hold tab, LF and CR; single-line ones (names,
/// titles, address, tags, products, subjects) none of them.
enum class TextLines { kSingle, kMulti };
/// Offset of the first control character `text` may not hold: U+0000–U+001F or U+007F,
/// except tab, LF and CR where `lines` is kMulti. nullopt when there is none.
std::optional<std::size_t> FindControlCharacter(std::string_view text, TextLines lines);
/// Throws ApiError(422, "control_character", ..., `field`) when FindControlCharacter finds one.
/// Every free-text input passes here: a NUL stored would be synced upward and cut exports
/// short.
void RequireNoControlCharacters(std::string_view text, TextLines lines, const std::string& field);
/// One optional free-text input and how it may be written.
struct FreeText {
  const std::optional<std::string>* value;
  const char* field;
  TextLines lines;
};
/// RequireNoControlCharacters for each field that is present, in order.
void RequireNoControlCharacters(std::initializer_list<FreeText> fields);

}  // namespace mams
