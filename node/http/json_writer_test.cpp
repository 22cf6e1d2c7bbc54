#include "node/http/json_writer.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <limits>
#include <sstream>

namespace mams::http {
namespace {

std::string PocoText(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

std::string OurText(const Poco::JSON::Object& object) {
  std::string out;
  AppendJson(&out, object);
  return out;
}

TEST(JsonWriter, WritesWhatPocoWrites) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("zeta", std::string("a/b\n\t\r\b\f\x01\x1f\x7f\"\\ 中文 \xe2\x80\xa8 end"));
  object.set("literal", "text");
  object.set("half", 1.5);
  object.set("tenth", 0.1);
  object.set("big", 1e20);
  object.set("negative", Poco::Int64{-42});
  object.set("unsigned", 7u);
  object.set("float", 3.0f);
  object.set("yes", true);
  object.set("no", false);
  object.set("nothing", Poco::Dynamic::Var());
  Poco::JSON::Array array;
  array.add(1);
  array.add("x");
  array.add(Poco::Dynamic::Var());
  object.set("array", array);
  Poco::JSON::Array::Ptr shared_array = new Poco::JSON::Array;
  shared_array->add(Poco::JSON::Object::Ptr(new Poco::JSON::Object));
  object.set("sharedArray", shared_array);
  Poco::JSON::Object::Ptr sorted = new Poco::JSON::Object;  // keys sorted, not in insertion order
  sorted->set("z", 1);
  sorted->set("a", 2);
  object.set("sorted", sorted);
  Poco::JSON::Object nested(Poco::JSON_PRESERVE_KEY_ORDER);
  nested.set("b", "1");
  nested.set("a", "2");
  object.set("nested", nested);
  EXPECT_EQ(PocoText(object), OurText(object));
}

// The escape scan reads eight bytes at a time: each kind of escaped byte (quote, backslash,
// control characters from 0x00 to 0x1f) at every place in and around a block must come out
// as POCO writes it, and bytes that need no escape (space, DEL, UTF-8 lead and continuation
// bytes) must pass through.
TEST(JsonWriter, EscapesAtEveryPlaceOfAScanBlock) {
  const std::string specials = std::string("\"\\\x01\x1f\n", 5) + std::string(1, '\0');
  const std::string plain = " a\x7f\x80\xe4\xbf";
  for (std::size_t length = 1; length <= 20; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (const char filler : plain) {
        for (const char special : specials + plain) {
          std::string text(length, filler);
          text[at] = special;
          Poco::JSON::Object object;
          object.set("k", text);
          std::string ours = "{\"k\":";
          AppendJsonString(&ours, text);
          ours += "}";
          ASSERT_EQ(PocoText(object), ours) << "length " << length << " at " << at;
        }
      }
    }
  }
}

TEST(JsonWriter, RoundTripsThroughTheParser) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("name", std::string("深圳\"致远\"\\物业\n"));
  Poco::JSON::Parser parser;
  const auto parsed = parser.parse(OurText(object)).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ("深圳\"致远\"\\物业\n", parsed->getValue<std::string>("name"));
}

TEST(JsonWriter, WritesNestedValuesWithCommasWhereTheyBelong) {
  JsonWriter writer;
  writer.BeginObject()
      .Key("name").String("深圳\"致远\"\n")
      .Key("n").Int(-42)
      .Key("none").OptionalString(std::nullopt)
      .Key("tags").BeginArray().String("a").String("b").EndArray()
      .Key("empty").BeginArray().EndArray()
      .Key("inner").BeginObject().Key("ok").Bool(true).EndObject()
      .Key("raw").Raw("{\"x\":1}")
      .EndObject();
  EXPECT_EQ(R"({"name":"深圳\"致远\"\n","n":-42,"none":null,"tags":["a","b"],"empty":[],)"
            R"("inner":{"ok":true},"raw":{"x":1}})",
            writer.text());
  Poco::JSON::Parser parser;
  EXPECT_NO_THROW(parser.parse(std::string(writer.text())));
}

// Literal keys are appended whole; any other key is escaped, with the same commas.
TEST(JsonWriter, WritesEveryKindOfKey) {
  const std::string long_key(100, 'k');
  JsonWriter writer;
  writer.BeginObject()
      .Key("a").Int(1)
      .Key(std::string_view("say \"hi\"\n")).Int(2)
      .Key(long_key).Int(3)
      .Key(std::string("中文")).Int(5)
      .Key("中文").Int(4)
      .EndObject();
  EXPECT_EQ("{\"a\":1,\"say \\\"hi\\\"\\n\":2,\"" + long_key + "\":3,\"中文\":5,\"中文\":4}", writer.text());
}

// A writer made without room grows as it goes, in the middle of an escaped string too.
TEST(JsonWriter, GrowsFromNothingThroughEscapesAndNumbers) {
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += i % 7 == 0 ? "\n\x01\"" : "x";
  }
  JsonWriter writer;
  writer.BeginArray().String(text).Int(std::numeric_limits<std::int64_t>::min());
  writer.Int(std::numeric_limits<std::int64_t>::max()).Int(0).Bool(false).Null().EndArray();
  Poco::JSON::Array array;
  array.add(text);
  array.add(std::numeric_limits<Poco::Int64>::min());
  array.add(std::numeric_limits<Poco::Int64>::max());
  array.add(0);
  array.add(false);
  array.add(Poco::Dynamic::Var());
  std::ostringstream poco;
  array.stringify(poco);
  EXPECT_EQ(poco.str(), writer.text());
  EXPECT_EQ(poco.str(), writer.Take());
}

TEST(JsonWriter, NestsDeeperThanItsInlineStorage) {
  JsonWriter writer;
  std::string expected;
  for (int depth = 0; depth < 40; ++depth) {
    writer.BeginObject().Key("n").Int(depth).Key("inner");
    expected += "{\"n\":" + std::to_string(depth) + ",\"inner\":";
  }
  writer.Null();
  expected += "null";
  for (int depth = 0; depth < 40; ++depth) {
    writer.Key("after").Int(depth).EndObject();
    expected += ",\"after\":" + std::to_string(depth) + "}";
  }
  EXPECT_EQ(expected, writer.text());
  Poco::JSON::Parser parser;
  EXPECT_NO_THROW(parser.parse(std::string(writer.text())));
}

}  // namespace
}  // namespace mams::http
