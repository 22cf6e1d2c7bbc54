#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Poco {
namespace Dynamic {
class Var;
}
namespace JSON {
class Object;
class Array;
}  // namespace JSON
}  // namespace Poco

namespace mams::http {

/// Appends the JSON text of a POCO JSON value to `out`: the same text as POCO's
/// `stringify` (keys in the object's order, numbers formatted by POCO, the same escapes),
/// written straight into one string instead of through an ostream, which made
/// stringification a seventh of a get by id (bench/RESULTS.md). Thread-safe.
void AppendJson(std::string* out, const Poco::JSON::Object& object);
void AppendJson(std::string* out, const Poco::JSON::Array& array);
void AppendJson(std::string* out, const Poco::Dynamic::Var& value);
/// A JSON string literal for `text`, with POCO's escapes.
void AppendJsonString(std::string* out, std::string_view text);

/// Writes JSON text directly, for the hottest answers (a customer by id), where building a
/// Poco::JSON::Object first cost more than the database read. Commas and nesting are kept
/// track of; misuse (a value without a key inside an object) is a defect, not checked.
class JsonWriter {
 public:
  JsonWriter() = default;
  /// Makes room for text of about this size up front (growing by doubling copies it).
  explicit JsonWriter(std::size_t expected_bytes) : out_(expected_bytes, '\0') {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  /// A key written in our code, a string literal: needs no escape (checked in debug
  /// builds), so it is appended whole. Keys of customers were a sixth of a get by id.
  template <std::size_t N>
  JsonWriter& Key(const char (&literal)[N]) {
    return PlainKey(literal, std::char_traits<char>::length(literal));  // folded for literals
  }
  /// A writable buffer is not a key from our code: pass it as a string_view to be escaped.
  template <std::size_t N>
  JsonWriter& Key(char (&buffer)[N]) = delete;
  /// Any other key, escaped as a string is.
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& OptionalString(const std::optional<std::string>& value);  ///< null when empty
  JsonWriter& Int(std::int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  /// Inserts already valid JSON text as one value.
  JsonWriter& Raw(std::string_view json);

  /// The text so far; the next write may move it.
  std::string_view text() const { return {out_.data(), used_}; }
  /// The text; the writer is empty afterwards.
  std::string Take();

 private:
  void BeforeValue();
  /// Starts a container: `bracket` is '{' or '['.
  JsonWriter& Open(char bracket);
  /// Ends the innermost container: `bracket` is '}' or ']'.
  JsonWriter& Close(char bracket);
  JsonWriter& PlainKey(const char* key, std::size_t size);
  void Room(std::size_t more);
  void Put(char c);
  void Copy(const char* bytes, std::size_t count);
  void Append(std::string_view text);
  void Quoted(std::string_view text);
  /// The text is out_'s first used_ bytes; the rest is room, so that writing is a store or a
  /// memcpy, not a call into std::string (a third of writing a customer went to those).
  std::string out_;
  std::size_t used_ = 0;
  /// Per open object/array, 1 once something is written in it. A string for its inline
  /// storage: nesting up to 15 levels allocates nothing.
  std::string has_items_;
  bool after_key_ = false;
};

}  // namespace mams::http
