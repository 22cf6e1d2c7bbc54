#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mams::sync {

/// The version a row carries and the node that wrote it.
struct VersionStamp {
  std::int64_t version = 0;
  std::string node;
};

/// The last-writer-wins order of docs/sync-protocol.md §5: by version, then node id.
bool Outranks(const VersionStamp& a, const VersionStamp& b);

enum class ApplyAction {
  kInsert,          ///< no stored row: store the incoming one
  kOverwrite,       ///< the incoming change is newer: replace the stored row
  kAlreadyApplied,  ///< the same version from the same node: nothing to do
  kKeepStored,      ///< the stored row is newer: the incoming change loses
};

struct ApplyDecision {
  ApplyAction action;
  /// True when the losing side was a concurrent change (not an earlier state of the winner):
  /// a conflict record is written.
  bool conflict = false;
};

/// What to do with an incoming change (`incoming`, which replaced `incoming_base`) given the
/// stored row (`stored`, which replaced `stored_base`), or no stored row. Pure.
ApplyDecision DecideApply(const std::optional<VersionStamp>& stored, std::int64_t stored_base,
                          const VersionStamp& incoming, std::int64_t incoming_base);

/// The id of the conflict between a losing and a winning change of one row: the same at
/// every node that detects it, so the records of one conflict meet as one row.
std::string ConflictId(const std::string& table, const std::string& row_id,
                       const VersionStamp& loser, const VersionStamp& winner);

}  // namespace mams::sync
