#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "node/common/errors.h"

namespace mams::http {

/// Parses a request body that must be one JSON object; throws ApiError 400 `invalid_json`
/// naming the problem (never echoing the body back).
Poco::JSON::Object::Ptr ParseJsonObject(const std::string& body);

std::string ToJson(const Poco::JSON::Object& object);
std::string ToJson(const Poco::JSON::Array& array);

/// HTTP status for an error kind; the single place where that mapping lives.
int StatusFor(ErrorKind kind);

/// `{"error":{"code","message","field"?,"requestId"}}`
std::string ErrorBody(const std::string& code, const std::string& message,
                      const std::string& field, const std::string& request_id);

/// Paths under this prefix serve TM Forum Open APIs (docs/api.md).
inline constexpr char kTmfApiPrefix[] = "/tmf-api/";

/// TM Forum's `Error` (TMF630, required `code` and `reason`):
/// `{"code","reason":message,"message":"attribute: <field>; requestId: <id>","status":"<status>",
/// "@type":"Error"}`; the attribute part only when `field` is set.
std::string TmfErrorBody(int status, const std::string& code, const std::string& message,
                         const std::string& field, const std::string& request_id);

/// The error body for a request to `path`: TmfErrorBody under kTmfApiPrefix (including
/// refusals by the guard and unknown paths there), ErrorBody everywhere else.
std::string ErrorBodyFor(const std::string& path, int status, const std::string& code,
                         const std::string& message, const std::string& field,
                         const std::string& request_id);

/// Typed readers for request bodies: each throws ApiError 422 with `field` set when the
/// member is missing (for Require*) or has the wrong type.
std::string RequireString(const Poco::JSON::Object& object, const std::string& field);
std::optional<std::string> OptionalString(const Poco::JSON::Object& object,
                                          const std::string& field);
std::optional<bool> OptionalBool(const Poco::JSON::Object& object, const std::string& field);
std::optional<std::int64_t> OptionalInt(const Poco::JSON::Object& object, const std::string& field);
/// A JSON array of strings.
std::optional<std::vector<std::string>> OptionalStringList(const Poco::JSON::Object& object,
                                                           const std::string& field);
/// Refuses members other than `allowed` (422 naming the first one), so typos in field names
/// are not silently ignored.
void RequireOnlyFields(const Poco::JSON::Object& object, const std::vector<std::string>& allowed);

}  // namespace mams::http
