#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mams::storage {

class Session;

/// How the layer above storage takes part in write transactions: the sync layer's change
/// capture (docs/sync-protocol.md §3). Installed once at start; called from any thread.
class WriteHooks {
 public:
  virtual ~WriteHooks() = default;

  /// The version stamped on every row written by a transaction that begins now.
  virtual std::int64_t NextWriteVersion() = 0;
  /// The node id stamped beside that version (`version_node`).
  virtual const std::string& NodeId() const = 0;
  /// True for the tables whose writes are captured: they must stamp the version and are
  /// never deleted from.
  virtual bool IsCaptured(std::string_view table) const = 0;
  /// Runs inside the transaction just before COMMIT, once, with the captured tables the
  /// transaction wrote. An exception rolls the whole transaction back.
  virtual void BeforeCommit(Session& session, std::int64_t version,
                            const std::vector<std::string>& tables) = 0;
};

/// Data a module keeps from the rows of captured tables, inside the transaction that writes
/// them (the search index). Told the ids of the rows of a table it keeps that a local
/// transaction stamped (at commit, before the capture) or that sync applied (Session::
/// RowsWritten). A table it keeps must have an `id` column. Called from any thread.
class RowListener {
 public:
  virtual ~RowListener() = default;
  virtual bool Keeps(std::string_view table) const = 0;
  /// An exception rolls the whole transaction back.
  virtual void RowsWritten(Session& session, std::string_view table,
                           const std::vector<std::string>& ids) = 0;
  /// The rows `ids` came in a page of an initial load from `source` (the peer node;
  /// docs/sync-protocol.md §9): states in bulk, thousands a second. A listener may instead
  /// bring what it keeps up to date once the load is over (the search index does:
  /// docs/search.md, "Loads"); by default, RowsWritten.
  virtual void RowsLoaded(Session& session, std::string_view table,
                          const std::vector<std::string>& ids, std::string_view /*source*/) {
    RowsWritten(session, table, ids);
  }
  /// The load from `source` ended in this transaction (its closing page).
  virtual void LoadEnded(Session& /*session*/, std::string_view /*source*/) {}
};

/// What a statement writes: the table named after INSERT INTO, UPDATE or DELETE FROM (and
/// their OR IGNORE / OR REPLACE / IGNORE forms), or nothing for other statements.
struct StatementTarget {
  enum class Kind { kNone, kInsert, kUpdate, kDelete };
  Kind kind = Kind::kNone;
  std::string_view table;
};
StatementTarget TargetOf(std::string_view sql);

}  // namespace mams::storage
