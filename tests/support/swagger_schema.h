#pragma once

// A small validator of JSON documents against the `definitions` of a Swagger 2.0 file, for
// checking that our TM Forum API answers match the published schema.
#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace mams::testing {

/// Supports `$ref` (to "#/definitions/..."), `allOf`, `type` (object, array, string, integer,
/// number, boolean), `required`, `properties`, `items`, `enum` and `format: date-time`
/// (RFC 3339). Other keywords are ignored; members a schema does not list are allowed, as in
/// Swagger 2.0. Immutable after construction; thread-safe.
class SwaggerSchema {
 public:
  /// Throws std::runtime_error when the file cannot be read or has no `definitions`.
  static SwaggerSchema FromFile(const std::string& path);
  /// The same from the text of a Swagger document.
  static SwaggerSchema FromText(const std::string& swagger_json);

  /// Problems of `json` against definition `name`, each "<path>: <problem>" with paths
  /// like `$.relatedParty[0].id`; empty when the document is valid. Text that is not JSON
  /// is one problem. Throws std::invalid_argument for an unknown definition or a `$ref`
  /// outside "#/definitions/".
  std::vector<std::string> Validate(const std::string& name, const std::string& json) const;
  /// The same for a JSON array whose every item must be a `name`.
  std::vector<std::string> ValidateArrayOf(const std::string& name, const std::string& json) const;

 private:
  explicit SwaggerSchema(Poco::JSON::Object::Ptr definitions);
  std::vector<std::string> ValidateAgainst(const Poco::JSON::Object& schema,
                                           const std::string& json) const;
  void Check(const Poco::JSON::Object& schema, const Poco::Dynamic::Var& value,
             const std::string& path, int depth, std::vector<std::string>* problems) const;
  void CheckType(const std::string& type, const Poco::Dynamic::Var& value, const std::string& path,
                 std::vector<std::string>* problems) const;
  const Poco::JSON::Object& Resolve(const std::string& ref) const;

  Poco::JSON::Object::Ptr definitions_;
};

/// True for an RFC 3339 date-time such as "2026-11-23T08:45:27.123Z" or
/// "2026-11-23T16:45:27+08:00".
bool IsRfc3339DateTime(const std::string& text);

}  // namespace mams::testing
