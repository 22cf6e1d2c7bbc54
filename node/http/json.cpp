#include "node/http/json.h"

#include <Poco/Exception.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>

#include "node/common/error_catalogue.h"
#include "node/http/json_writer.h"

namespace mams::http {
namespace {

ApiError WrongType(const std::string& field, const std::string& what) {
  return ApiError(ErrorKind::kUnprocessable, "wrong_type", field + " must be " + what, field);
}

// Member `field` of a request body: nothing when absent or null, refused as a wrong type
// unless `is_type` holds for it.
std::optional<Poco::Dynamic::Var> Member(const Poco::JSON::Object& object,
                                         const std::string& field,
                                         bool (Poco::Dynamic::Var::*is_type)() const,
                                         const std::string& what) {
  if (!object.has(field) || object.isNull(field)) {
    return std::nullopt;
  }
  Poco::Dynamic::Var value = object.get(field);
  if (!(value.*is_type)()) {
    throw WrongType(field, what);
  }
  return value;
}

}  // namespace

Poco::JSON::Object::Ptr ParseJsonObject(const std::string& body) {
  if (body.empty()) {
    throw ApiError(ErrorKind::kBadRequest, "invalid_json", "request body is empty; expected a JSON object");
  }
  Poco::Dynamic::Var parsed;
  try {
    Poco::JSON::Parser parser;
    parsed = parser.parse(body);
  } catch (const Poco::Exception& e) {
    throw ApiError(ErrorKind::kBadRequest, "invalid_json",
                   "request body is not valid JSON: " + e.message());
  }
  if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
    throw ApiError(ErrorKind::kBadRequest, "invalid_json", "request body must be a JSON object");
  }
  return parsed.extract<Poco::JSON::Object::Ptr>();
}

std::string ToJson(const Poco::JSON::Object& object) {
  std::string out;
  out.reserve(512);
  AppendJson(&out, object);
  return out;
}

std::string ToJson(const Poco::JSON::Array& array) {
  std::string out;
  out.reserve(512);
  AppendJson(&out, array);
  return out;
}

int StatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kBadRequest:
      return 400;
    case ErrorKind::kUnauthorized:
      return 401;
    case ErrorKind::kForbidden:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kMethodNotAllowed:
      return 405;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kPayloadTooLarge:
      return 413;
    case ErrorKind::kUnsupportedMediaType:
      return 415;
    case ErrorKind::kUnprocessable:
      return 422;
    case ErrorKind::kTooManyRequests:
      return 429;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

namespace {

// Messages and field names can quote what a client sent (an unknown member's name): an
// error stays small whatever was sent, cut at a character boundary.
constexpr std::size_t kMaxMessageBytes = 300;
constexpr std::size_t kMaxFieldBytes = 100;

}  // namespace

std::string ErrorBody(const std::string& code, const std::string& message,
                      const std::string& field, const std::string& request_id) {
  Poco::JSON::Object error(Poco::JSON_PRESERVE_KEY_ORDER);
  error.set("code", code);
  error.set("message", BoundedText(message, kMaxMessageBytes));
  if (!field.empty()) {
    error.set("field", BoundedText(field, kMaxFieldBytes));
  }
  error.set("requestId", request_id);
  Poco::JSON::Object root;
  root.set("error", error);
  return ToJson(root);
}

std::string TmfErrorBody(int status, const std::string& code, const std::string& message,
                         const std::string& field, const std::string& request_id) {
  Poco::JSON::Object error(Poco::JSON_PRESERVE_KEY_ORDER);
  error.set("code", code);
  error.set("reason", BoundedText(message, kMaxMessageBytes));
  const std::string attribute =
      field.empty() ? "" : "attribute: " + BoundedText(field, kMaxFieldBytes) + "; ";
  error.set("message", attribute + "requestId: " + request_id);
  error.set("status", std::to_string(status));
  error.set("@type", "Error");
  return ToJson(error);
}

std::string ErrorBodyFor(const std::string& path, int status, const std::string& code,
                         const std::string& message, const std::string& field,
                         const std::string& request_id) {
  if (path.rfind(kTmfApiPrefix, 0) == 0) {
    return TmfErrorBody(status, code, message, field, request_id);
  }
  return ErrorBody(code, message, field, request_id);
}

std::string RequireString(const Poco::JSON::Object& object, const std::string& field) {
  auto value = OptionalString(object, field);
  if (!value) {
    throw ApiError(ErrorKind::kUnprocessable, "missing_field", field + " is required", field);
  }
  return *value;
}

std::optional<std::string> OptionalString(const Poco::JSON::Object& object,
                                          const std::string& field) {
  const auto value = Member(object, field, &Poco::Dynamic::Var::isString, "a string");
  if (!value) {
    return std::nullopt;
  }
  return value->convert<std::string>();
}

std::optional<bool> OptionalBool(const Poco::JSON::Object& object, const std::string& field) {
  const auto value = Member(object, field, &Poco::Dynamic::Var::isBoolean, "true or false");
  if (!value) {
    return std::nullopt;
  }
  return value->extract<bool>();
}

std::optional<std::int64_t> OptionalInt(const Poco::JSON::Object& object,
                                        const std::string& field) {
  const auto value = Member(object, field, &Poco::Dynamic::Var::isInteger, "an integer");
  if (!value) {
    return std::nullopt;
  }
  try {
    return value->convert<std::int64_t>();
  } catch (const Poco::RangeException&) {
    // The parser keeps 2^63 and above as unsigned; they do not fit our integers.
    throw ApiError(ErrorKind::kUnprocessable, "out_of_range", field + " is too large", field);
  }
}

std::optional<std::vector<std::string>> OptionalStringList(const Poco::JSON::Object& object,
                                                           const std::string& field) {
  if (!object.has(field) || object.isNull(field)) {
    return std::nullopt;
  }
  const Poco::JSON::Array::Ptr array = object.getArray(field);
  if (array.isNull()) {
    throw WrongType(field, "a list of strings");
  }
  std::vector<std::string> items;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const Poco::Dynamic::Var item = array->get(static_cast<unsigned int>(i));
    if (!item.isString()) {
      throw WrongType(field, "a list of strings");
    }
    items.push_back(item.convert<std::string>());
  }
  return items;
}

void RequireOnlyFields(const Poco::JSON::Object& object, const std::vector<std::string>& allowed) {
  for (const auto& [name, value] : object) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      throw ApiError(ErrorKind::kUnprocessable, "unknown_field", name + " is not a known field",
                     name);
    }
  }
}

}  // namespace mams::http
