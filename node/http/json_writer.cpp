#include "node/http/json_writer.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace mams::http {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

bool NeedsEscape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }

// Writes the escape sequence of a byte that needs one, as POCO writes it, to `out` (room
// for kLongestEscape); returns its length.
std::size_t EscapeSequence(char c, char* out) {
  char letter = 0;
  switch (c) {
    case '"':
      letter = '"';
      break;
    case '\\':
      letter = '\\';
      break;
    case '\b':
      letter = 'b';
      break;
    case '\f':
      letter = 'f';
      break;
    case '\n':
      letter = 'n';
      break;
    case '\r':
      letter = 'r';
      break;
    case '\t':
      letter = 't';
      break;
    default:
      break;
  }
  out[0] = '\\';
  if (letter != 0) {
    out[1] = letter;
    return 2;
  }
  out[1] = 'u';
  out[2] = '0';
  out[3] = '0';
  out[4] = kHexDigits[(c >> 4) & 0xf];
  out[5] = kHexDigits[c & 0xf];
  return 6;
}

constexpr std::size_t kLongestEscape = 6;

void AppendEscaped(std::string* out, char c) {
  char sequence[kLongestEscape];
  out->append(sequence, EscapeSequence(c, sequence));
}

// How many leading bytes of `text` need no escape, eight at a time: a byte-by-byte test was
// most of the cost of writing a customer (bench/RESULTS.md). Each mask has a byte's high bit
// set where that byte is below 0x20, a quote or a backslash (exact as a whole, not per byte:
// the scalar loop finds the byte). Bytes of 0x80 and up, UTF-8, never match. A text of eight
// bytes or more ends with one more word, overlapping the last one tested, instead of a loop
// over its last few bytes.
std::size_t EscapeFreeLength(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHighBits = 0x8080808080808080;
  const auto has_zero_byte = [](std::uint64_t word) { return (word - kOnes) & ~word & kHighBits; };
  const auto needs_escape_at = [&](std::size_t at) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + at, sizeof word);
    const std::uint64_t control = (word - kOnes * 0x20) & ~word & kHighBits;
    return (control | has_zero_byte(word ^ (kOnes * '"')) | has_zero_byte(word ^ (kOnes * '\\'))) !=
           0;
  };
  constexpr std::size_t kWord = sizeof(std::uint64_t);
  std::size_t i = 0;
  if (text.size() >= kWord) {
    for (; i + kWord <= text.size(); i += kWord) {
      if (needs_escape_at(i)) {
        break;
      }
    }
    if (i == text.size() || (i + kWord > text.size() && !needs_escape_at(text.size() - kWord))) {
      return text.size();
    }
  }
  while (i < text.size() && !NeedsEscape(text[i])) {
    ++i;
  }
  return i;
}

// Runs of characters that need no escape are appended whole: most values have none.
// UTF-8 passes through, as POCO writes it without ESCAPE_UNICODE.
void AppendQuoted(std::string* out, std::string_view text) {
  // Checked here, not by reserve() alone: that is a call into libstdc++ on every string,
  // and a writer made with its expected size rarely grows.
  const std::size_t needed = out->size() + text.size() + 2;
  if (needed > out->capacity()) {
    out->reserve(std::max(needed, 2 * out->capacity()));
  }
  out->push_back('"');
  while (!text.empty()) {
    const std::size_t clean = EscapeFreeLength(text);
    out->append(text.data(), clean);
    if (clean == text.size()) {
      break;
    }
    AppendEscaped(out, text[clean]);
    text.remove_prefix(clean + 1);
  }
  out->push_back('"');
}

}  // namespace

void AppendJsonString(std::string* out, std::string_view text) { AppendQuoted(out, text); }

void AppendJson(std::string* out, const Poco::JSON::Object& object) {
  out->push_back('{');
  bool first = true;
  // getNames follows the object's order: insertion order where it preserves it, else sorted.
  for (const std::string& name : object.getNames()) {
    if (!first) {
      out->push_back(',');
    }
    first = false;
    AppendQuoted(out, name);
    out->push_back(':');
    AppendJson(out, object.get(name));
  }
  out->push_back('}');
}

void AppendJson(std::string* out, const Poco::JSON::Array& array) {
  out->push_back('[');
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (i > 0) {
      out->push_back(',');
    }
    AppendJson(out, array.get(static_cast<unsigned int>(i)));
  }
  out->push_back(']');
}

void AppendJson(std::string* out, const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) {
    *out += "null";
    return;
  }
  const std::type_info& type = value.type();
  if (type == typeid(std::string)) {
    AppendQuoted(out, value.extract<std::string>());
  } else if (type == typeid(Poco::JSON::Object::Ptr)) {
    const auto& object = value.extract<Poco::JSON::Object::Ptr>();
    if (object.isNull()) {
      *out += "null";
    } else {
      AppendJson(out, *object);
    }
  } else if (type == typeid(Poco::JSON::Array::Ptr)) {
    const auto& array = value.extract<Poco::JSON::Array::Ptr>();
    if (array.isNull()) {
      *out += "null";
    } else {
      AppendJson(out, *array);
    }
  } else if (type == typeid(Poco::JSON::Object)) {
    AppendJson(out, value.extract<Poco::JSON::Object>());
  } else if (type == typeid(Poco::JSON::Array)) {
    AppendJson(out, value.extract<Poco::JSON::Array>());
  } else if (type == typeid(bool)) {
    *out += value.extract<bool>() ? "true" : "false";
  } else if (value.isString() || value.isDate() || value.isTime() || value.isDateTime()) {
    AppendQuoted(out, value.convert<std::string>());
  } else {
    *out += value.convert<std::string>();  // numbers, formatted as POCO formats them
  }
}

void JsonWriter::Room(std::size_t more) {
  if (used_ + more > out_.size()) {
    out_.resize(std::max({used_ + more, 2 * out_.size(), std::size_t{64}}));
  }
}

void JsonWriter::Put(char c) {
  Room(1);
  out_[used_++] = c;
}

// The caller has made room.
void JsonWriter::Copy(const char* bytes, std::size_t count) {
  if (count == 0) {
    return;  // bytes may be null (an empty string_view)
  }
  std::memcpy(&out_[used_], bytes, count);
  used_ += count;
}

void JsonWriter::Append(std::string_view text) {
  Room(text.size());
  Copy(text.data(), text.size());
}

void JsonWriter::Quoted(std::string_view text) {
  Room(text.size() + 2);
  out_[used_++] = '"';
  while (!text.empty()) {
    const std::size_t clean = EscapeFreeLength(text);
    Copy(text.data(), clean);
    if (clean == text.size()) {
      break;
    }
    Room(kLongestEscape + text.size() - clean);  // the rest might all be plain
    used_ += EscapeSequence(text[clean], &out_[used_]);
    text.remove_prefix(clean + 1);
  }
  Put('"');
}

std::string JsonWriter::Take() {
  out_.resize(used_);
  used_ = 0;
  return std::move(out_);
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back() != 0) {
      Put(',');
    }
    has_items_.back() = 1;
  }
}

JsonWriter& JsonWriter::Open(char bracket) {
  BeforeValue();
  Put(bracket);
  has_items_.push_back(0);
  return *this;
}

JsonWriter& JsonWriter::Close(char bracket) {
  Put(bracket);
  has_items_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::BeginObject() { return Open('{'); }
JsonWriter& JsonWriter::EndObject() { return Close('}'); }
JsonWriter& JsonWriter::BeginArray() { return Open('['); }
JsonWriter& JsonWriter::EndArray() { return Close(']'); }

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  Quoted(key);
  Put(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::PlainKey(const char* key, std::size_t size) {
  assert(std::strlen(key) == size && EscapeFreeLength({key, size}) == size);
  BeforeValue();
  Room(size + 3);
  out_[used_++] = '"';
  Copy(key, size);
  out_[used_++] = '"';
  out_[used_++] = ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  Quoted(value);
  return *this;
}

JsonWriter& JsonWriter::OptionalString(const std::optional<std::string>& value) {
  return value ? String(*value) : Null();
}

JsonWriter& JsonWriter::Int(std::int64_t value) {
  BeforeValue();
  char digits[24];  // the longest int64, "-9223372036854775808", is 20
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  Append(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  Append(value ? std::string_view("true") : std::string_view("false"));
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  Append("null");
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  Append(json);
  return *this;
}

}  // namespace mams::http
