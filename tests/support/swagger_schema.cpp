#include "tests/support/swagger_schema.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace mams::testing {
namespace {

constexpr char kDefinitionsPrefix[] = "#/definitions/";
// Deeper than any real document; stops a self-referencing schema from recursing forever.
constexpr int kMaxDepth = 64;

bool IsObject(const Poco::Dynamic::Var& value) {
  return value.type() == typeid(Poco::JSON::Object::Ptr);
}

bool IsArray(const Poco::Dynamic::Var& value) {
  return value.type() == typeid(Poco::JSON::Array::Ptr);
}

std::string AsJson(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(value, out);
  return out.str();
}

Poco::Dynamic::Var ParseOrNote(const std::string& json, std::vector<std::string>* problems) {
  try {
    return Poco::JSON::Parser().parse(json);
  } catch (const Poco::Exception& e) {
    problems->push_back("$: not JSON: " + e.message());
    return {};
  }
}

}  // namespace

bool IsRfc3339DateTime(const std::string& text) {
  static const std::regex kDateTime(
      "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:"
      "([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])");
  return std::regex_match(text, kDateTime);
}

SwaggerSchema SwaggerSchema::FromFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return FromText(text.str());
}

SwaggerSchema SwaggerSchema::FromText(const std::string& swagger_json) {
  const auto root = Poco::JSON::Parser().parse(swagger_json).extract<Poco::JSON::Object::Ptr>();
  const auto definitions = root->getObject("definitions");
  if (definitions.isNull()) {
    throw std::runtime_error("the Swagger document has no definitions");
  }
  return SwaggerSchema(definitions);
}

SwaggerSchema::SwaggerSchema(Poco::JSON::Object::Ptr definitions)
    : definitions_(std::move(definitions)) {}

std::vector<std::string> SwaggerSchema::Validate(const std::string& name,
                                                 const std::string& json) const {
  return ValidateAgainst(Resolve(kDefinitionsPrefix + name), json);
}

std::vector<std::string> SwaggerSchema::ValidateArrayOf(const std::string& name,
                                                        const std::string& json) const {
  Resolve(kDefinitionsPrefix + name);  // an unknown name is a defect of the test
  Poco::JSON::Object schema;
  schema.set("type", "array");
  Poco::JSON::Object items;
  items.set("$ref", kDefinitionsPrefix + name);
  schema.set("items", items);
  // Round-trip so nested members are Ptr values, like the definitions from the parser.
  const auto parsed = Poco::JSON::Parser().parse(AsJson(schema)).extract<Poco::JSON::Object::Ptr>();
  return ValidateAgainst(*parsed, json);
}

std::vector<std::string> SwaggerSchema::ValidateAgainst(const Poco::JSON::Object& schema,
                                                        const std::string& json) const {
  std::vector<std::string> problems;
  const Poco::Dynamic::Var document = ParseOrNote(json, &problems);
  if (problems.empty()) {
    Check(schema, document, "$", 0, &problems);
  }
  return problems;
}

const Poco::JSON::Object& SwaggerSchema::Resolve(const std::string& ref) const {
  const std::string prefix = kDefinitionsPrefix;
  if (ref.rfind(prefix, 0) != 0) {
    throw std::invalid_argument("unsupported $ref " + ref);
  }
  const auto definition = definitions_->getObject(ref.substr(prefix.size()));
  if (definition.isNull()) {
    throw std::invalid_argument("no definition " + ref);
  }
  return *definition;
}

void SwaggerSchema::Check(const Poco::JSON::Object& schema, const Poco::Dynamic::Var& value,
                          const std::string& path, int depth,
                          std::vector<std::string>* problems) const {
  if (depth > kMaxDepth) {
    problems->push_back(path + ": nested deeper than " + std::to_string(kMaxDepth));
    return;
  }
  if (schema.has("$ref")) {
    // Swagger 2.0: siblings of $ref (e.g. description) are ignored.
    Check(Resolve(schema.getValue<std::string>("$ref")), value, path, depth + 1, problems);
    return;
  }
  if (const auto all_of = schema.getArray("allOf"); !all_of.isNull()) {
    for (std::size_t i = 0; i < all_of->size(); ++i) {
      Check(*all_of->getObject(static_cast<unsigned int>(i)), value, path, depth + 1, problems);
    }
  }
  if (schema.has("type")) {
    const std::size_t before = problems->size();
    CheckType(schema.getValue<std::string>("type"), value, path, problems);
    if (problems->size() > before) {
      return;  // members of a value of the wrong type mean nothing
    }
  }
  if (const auto allowed = schema.getArray("enum"); !allowed.isNull()) {
    bool found = false;
    for (std::size_t i = 0; i < allowed->size() && !found; ++i) {
      found = AsJson(allowed->get(static_cast<unsigned int>(i))) == AsJson(value);
    }
    if (!found) {
      problems->push_back(path + ": " + AsJson(value) + " is not one of " + AsJson(allowed));
    }
  }
  if (schema.has("format") && schema.getValue<std::string>("format") == "date-time" &&
      value.isString() && !IsRfc3339DateTime(value.convert<std::string>())) {
    problems->push_back(path + ": \"" + value.convert<std::string>() + "\" is not a date-time");
  }
  if (IsObject(value)) {
    const auto object = value.extract<Poco::JSON::Object::Ptr>();
    if (const auto required = schema.getArray("required"); !required.isNull()) {
      for (std::size_t i = 0; i < required->size(); ++i) {
        const std::string name = required->getElement<std::string>(static_cast<unsigned int>(i));
        if (!object->has(name)) {
          problems->push_back(path + ": required member " + name + " is missing");
        }
      }
    }
    if (const auto properties = schema.getObject("properties"); !properties.isNull()) {
      for (const auto& [name, member] : *object) {
        if (const auto property = properties->getObject(name); !property.isNull()) {
          Check(*property, member, path + "." + name, depth + 1, problems);
        }
      }
    }
  }
  if (IsArray(value) && schema.has("items")) {
    const auto items = schema.getObject("items");
    const auto array = value.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
      Check(*items, array->get(static_cast<unsigned int>(i)), path + "[" + std::to_string(i) + "]",
            depth + 1, problems);
    }
  }
}

void SwaggerSchema::CheckType(const std::string& type, const Poco::Dynamic::Var& value,
                              const std::string& path, std::vector<std::string>* problems) const {
  bool ok = false;
  if (type == "object") {
    ok = IsObject(value);
  } else if (type == "array") {
    ok = IsArray(value);
  } else if (type == "string") {
    ok = value.isString();
  } else if (type == "integer") {
    ok = value.isInteger() && !value.isBoolean();
  } else if (type == "number") {
    ok = value.isNumeric() && !value.isBoolean();
  } else if (type == "boolean") {
    ok = value.isBoolean();
  } else {
    throw std::invalid_argument("unsupported type " + type + " at " + path);
  }
  if (!ok) {
    problems->push_back(path + ": expected " + type + ", got " + AsJson(value));
  }
}

}  // namespace mams::testing
