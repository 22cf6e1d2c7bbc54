#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "node/storage/result_set.h"

namespace mams::storage {
class Session;
}

namespace mams::sync {

/// One row image after a transaction (docs/sync-protocol.md §1).
struct Change {
  std::string table;
  std::string row_id;
  std::string org_code;
  std::int64_t version = 0;
  std::string version_node;
  std::int64_t base_version = 0;
  bool deleted = false;
  std::string image;  ///< JSON object: every column of the row
};

/// An outbox entry: a change with its place in this node's sequence and where it came from.
struct OutboxEntry {
  std::int64_t seq = 0;
  Change change;
  std::string source;  ///< kLocalSource, or the node id of the link it came in on
  std::string created_at;
};

inline constexpr char kLocalSource[] = "local";

/// Outbox entries that share what a route decides by: table, org and source.
struct OutboxGroup {
  std::string table;
  std::string org_code;
  std::string source;
  std::int64_t entries = 0;
  std::string oldest_created_at;
};

/// The changes of the rows in `rows`, a `SELECT *` of `table` (which has the sync columns).
std::vector<Change> ChangesOf(const std::string& table, const storage::ResultSet& rows);

/// The JSON image of row `index` of `rows`: {"column": value, ...}.
std::string RowImage(const storage::ResultSet& rows, std::size_t index);

/// `sync_outbox`: appended in the writer's transaction, read by the links. Every function
/// takes the caller's session; Append must run inside a transaction.
class Outbox {
 public:
  /// Appends `changes` with consecutive sequence numbers after the last one. Takes the
  /// outbox lock (the sequence row) until the transaction ends, so numbers are assigned in
  /// commit order. Returns the last number assigned (0 when `changes` is empty).
  static std::int64_t Append(storage::Session& session, const std::vector<Change>& changes,
                             const std::string& source, const std::string& created_at);
  /// Entries with `after < seq`, in order, at most `limit`.
  static std::vector<OutboxEntry> ReadAfter(storage::Session& session, std::int64_t after,
                                            int limit);
  /// The entries with `after < seq`, counted per (table, org, source): a range scan of the
  /// primary key that returns one row per group, however many entries the range holds.
  static std::vector<OutboxGroup> GroupsAfter(storage::Session& session, std::int64_t after);
  /// The last sequence number assigned, 0 before the first.
  static std::int64_t LastSeq(storage::Session& session);
  /// The lowest sequence number still held; nothing when the outbox is empty.
  static std::optional<std::int64_t> OldestSeq(storage::Session& session);
  /// Deletes the entries with `seq <= upto` (what every link has acknowledged).
  static void DeleteUpTo(storage::Session& session, std::int64_t upto);
};

}  // namespace mams::sync
