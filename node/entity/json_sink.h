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
  virtual void String(const std::string& key, std::string_view value) = 0;
  virtual void Null(const std::string& key) = 0;
  virtual void Int(const std::string& key, std::int64_t value) = 0;
  virtual void Bool(const std::string& key, bool value) = 0;
  virtual void StringList(const std::string& key, const std::vector<std::string>& items) = 0;
  void Value(const std::string& key, const JsonValue& value);
};

/// Members go into the object `out` has open (the caller writes BeginObject/EndObject).
/// Cheap to make on the stack for each record of a hot read path.
class WriterJsonSink final : public JsonSink {
 public:
  explicit WriterJsonSink(http::JsonWriter& out) : out_(out) {}
  void String(const std::string& key, std::string_view value) override;
  void Null(const std::string& key) override;
  void Int(const std::string& key, std::int64_t value) override;
  void Bool(const std::string& key, bool value) override;
  void StringList(const std::string& key, const std::vector<std::string>& items) override;

 private:
  http::JsonWriter& out_;
};

/// Members are set on `object`, which should preserve key order.
std::unique_ptr<JsonSink> ObjectSink(Poco::JSON::Object& object);

}  // namespace mams::entity
