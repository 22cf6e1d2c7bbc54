#include "sync/apply_rule.h"

#include "node/common/ids.h"

namespace mams::sync {

bool Outranks(const VersionStamp& a, const VersionStamp& b) {
  return a.version != b.version ? a.version > b.version : a.node > b.node;
}

ApplyDecision DecideApply(const std::optional<VersionStamp>& stored, std::int64_t stored_base,
                          const VersionStamp& incoming, std::int64_t incoming_base) {
  if (!stored) {
    return {ApplyAction::kInsert, false};
  }
  if (stored->version == incoming.version && stored->node == incoming.node) {
    return {ApplyAction::kAlreadyApplied, false};
  }
  if (Outranks(incoming, *stored)) {
    // The incoming writer had seen the stored row only if it replaced exactly that version.
    return {ApplyAction::kOverwrite, incoming_base != stored->version};
  }
  // The stored row wins; the incoming change is concurrent unless the stored row was written
  // over exactly it.
  return {ApplyAction::kKeepStored, stored_base != incoming.version};
}

std::string ConflictId(const std::string& table, const std::string& row_id,
                       const VersionStamp& loser, const VersionStamp& winner) {
  return StableRowId("sync_conflict:" + table + ":" + row_id + ":" + std::to_string(loser.version) +
                     ":" + loser.node + ":" + std::to_string(winner.version) + ":" + winner.node);
}

}  // namespace mams::sync
