#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "node/entity/entity.h"

namespace mams::entity {

/// The record's JSON as a Poco object that keeps the declared key order, for answers that
/// add members to it or nest it in another object.
template <typename Record>
Poco::JSON::Object JsonObject(const Entity<Record>& entity, const Record& record,
                              const JsonOptions& options = {}) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  entity.WriteJson(*ObjectSink(object), record, options);
  return object;
}

/// Only the members named in `names`, in that order (Entity::WriteJsonOf).
template <typename Record>
Poco::JSON::Object JsonObjectOf(const Entity<Record>& entity, const Record& record,
                                const std::vector<std::string>& names,
                                const JsonOptions& options = {}) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  entity.WriteJsonOf(*ObjectSink(object), record, names, options);
  return object;
}

/// One object per record of `records`, in their order.
template <typename Record, typename Records>
Poco::JSON::Array JsonArray(const Entity<Record>& entity, const Records& records,
                            const JsonOptions& options = {}) {
  Poco::JSON::Array array;
  for (const Record& record : records) {
    array.add(JsonObject(entity, record, options));
  }
  return array;
}

}  // namespace mams::entity
