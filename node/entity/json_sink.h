#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace Poco::JSON {
class Object;
}
namespace mams::http {
class JsonWriter;
}

namespace mams::entity {

/// The value of a computed JSON field.
using JsonValue =
    std::variant<std::nullptr_t, bool, std::int64_t, std::string, std::vector<std::string>>;

/// Where an entity writes its JSON members, in declaration order: a streaming JsonWriter
/// (hot read paths) or a Poco object (callers that add members or nest it).
class JsonSink {
 public:
  virtual ~JsonSink() = default;
  virtual void String(std::string_view key, std::string_view value) = 0;
  virtual void Null(std::string_view key) = 0;
  virtual void Int(std::string_view key, std::int64_t value) = 0;
  virtual void Bool(std::string_view key, bool value) = 0;
  virtual void StringList(std::string_view key, const std::vector<std::string>& items) = 0;
  void Value(std::string_view key, const JsonValue& value);
};

/// Members go into the object `out` has open (the caller writes BeginObject/EndObject).
std::unique_ptr<JsonSink> WriterSink(http::JsonWriter& out);
/// Members are set on `object`, which should preserve key order.
std::unique_ptr<JsonSink> ObjectSink(Poco::JSON::Object& object);

}  // namespace mams::entity
