#include "node/entity/json_sink.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "node/http/json_writer.h"

namespace mams::entity {
namespace {

class ObjectJsonSink : public JsonSink {
 public:
  explicit ObjectJsonSink(Poco::JSON::Object& object) : object_(object) {}
  void String(const std::string& key, std::string_view value) override {
    object_.set(std::string(key), std::string(value));
  }
  void Null(const std::string& key) override {
    object_.set(std::string(key), Poco::Dynamic::Var());
  }
  void Int(const std::string& key, std::int64_t value) override {
    object_.set(std::string(key), value);
  }
  void Bool(const std::string& key, bool value) override { object_.set(std::string(key), value); }
  void StringList(const std::string& key, const std::vector<std::string>& items) override {
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

namespace {

// Keys are the JSON names of declarations, constants of our code (never input): written whole
// as JsonWriter writes literal keys, without the escape scan (keys were a sixth of a customer
// get by id). JsonWriter's literal overload measures the text itself and checks it in debug
// builds; the array type only selects that overload.
http::JsonWriter& DeclaredKey(http::JsonWriter& out, const std::string& key) {
  using Literal = const char[1];
  return out.Key(*reinterpret_cast<Literal*>(key.c_str()));
}

}  // namespace

void WriterJsonSink::String(const std::string& key, std::string_view value) {
  DeclaredKey(out_, key).String(value);
}

void WriterJsonSink::Null(const std::string& key) { DeclaredKey(out_, key).Null(); }

void WriterJsonSink::Int(const std::string& key, std::int64_t value) {
  DeclaredKey(out_, key).Int(value);
}

void WriterJsonSink::Bool(const std::string& key, bool value) {
  DeclaredKey(out_, key).Bool(value);
}

void WriterJsonSink::StringList(const std::string& key, const std::vector<std::string>& items) {
  DeclaredKey(out_, key).BeginArray();
  for (const auto& item : items) {
    out_.String(item);
  }
  out_.EndArray();
}

void JsonSink::Value(const std::string& key, const JsonValue& value) {
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

std::unique_ptr<JsonSink> ObjectSink(Poco::JSON::Object& object) {
  return std::make_unique<ObjectJsonSink>(object);
}

}  // namespace mams::entity
