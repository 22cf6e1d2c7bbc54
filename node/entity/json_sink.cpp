#include "node/entity/json_sink.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "node/http/json_writer.h"

namespace mams::entity {
namespace {

class WriterJsonSink : public JsonSink {
 public:
  explicit WriterJsonSink(http::JsonWriter& out) : out_(out) {}
  void String(std::string_view key, std::string_view value) override {
    out_.Key(key).String(value);
  }
  void Null(std::string_view key) override { out_.Key(key).Null(); }
  void Int(std::string_view key, std::int64_t value) override { out_.Key(key).Int(value); }
  void Bool(std::string_view key, bool value) override { out_.Key(key).Bool(value); }
  void StringList(std::string_view key, const std::vector<std::string>& items) override {
    out_.Key(key).BeginArray();
    for (const auto& item : items) {
      out_.String(item);
    }
    out_.EndArray();
  }

 private:
  http::JsonWriter& out_;
};

class ObjectJsonSink : public JsonSink {
 public:
  explicit ObjectJsonSink(Poco::JSON::Object& object) : object_(object) {}
  void String(std::string_view key, std::string_view value) override {
    object_.set(std::string(key), std::string(value));
  }
  void Null(std::string_view key) override { object_.set(std::string(key), Poco::Dynamic::Var()); }
  void Int(std::string_view key, std::int64_t value) override {
    object_.set(std::string(key), value);
  }
  void Bool(std::string_view key, bool value) override { object_.set(std::string(key), value); }
  void StringList(std::string_view key, const std::vector<std::string>& items) override {
    Poco::JSON::Array array;
    for (const auto& item : items) {
      array.add(item);
    }
    object_.set(std::string(key), array);
  }

 private:
  Poco::JSON::Object& object_;
};

}  // namespace

void JsonSink::Value(std::string_view key, const JsonValue& value) {
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::nullptr_t>) {
          Null(key);
        } else if constexpr (std::is_same_v<V, bool>) {
          Bool(key, v);
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
          Int(key, v);
        } else if constexpr (std::is_same_v<V, std::string>) {
          String(key, v);
        } else {
          StringList(key, v);
        }
      },
      value);
}

std::unique_ptr<JsonSink> WriterSink(http::JsonWriter& out) {
  return std::make_unique<WriterJsonSink>(out);
}

std::unique_ptr<JsonSink> ObjectSink(Poco::JSON::Object& object) {
  return std::make_unique<ObjectJsonSink>(object);
}

}  // namespace mams::entity
