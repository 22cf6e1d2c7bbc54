#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "node/entity/entity.h"
#include "node/storage/storage.h"

namespace mams::entity {

/// The rows of `sql`, whose result names the entity's declared columns, read into records
/// by column name, in the statement's order.
template <typename Record>
std::vector<Record> ReadAll(storage::Session& session, const Entity<Record>& entity,
                            std::string_view sql, const storage::SqlParams& params = {}) {
  const storage::ResultSet rows = session.Query(sql, params);
  std::vector<Record> records;
  records.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    records.push_back(entity.Read(rows[i]));
  }
  return records;
}

/// The first row of `sql` read into a record, or nullopt when there is none.
template <typename Record>
std::optional<Record> ReadFirst(storage::Session& session, const Entity<Record>& entity,
                                std::string_view sql, const storage::SqlParams& params = {}) {
  const storage::ResultSet rows = session.Query(sql, params);
  if (rows.empty()) {
    return std::nullopt;
  }
  return entity.Read(rows[0]);
}

}  // namespace mams::entity
