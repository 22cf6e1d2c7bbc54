#pragma once

#include <string>

namespace Poco {
namespace Dynamic {
class Var;
}
namespace JSON {
class Object;
class Array;
}  // namespace JSON
}  // namespace Poco

namespace mams::http {

/// Appends the JSON text of a POCO JSON value to `out`: the same text as POCO's
/// `stringify` (keys in the object's order, numbers formatted by POCO, the same escapes),
/// written straight into one string instead of through an ostream, which made
/// stringification a seventh of a get by id (bench/RESULTS.md). Thread-safe.
void AppendJson(std::string* out, const Poco::JSON::Object& object);
void AppendJson(std::string* out, const Poco::JSON::Array& array);
void AppendJson(std::string* out, const Poco::Dynamic::Var& value);

}  // namespace mams::http
