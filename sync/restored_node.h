#pragma once

#include <cstdint>

namespace mams::storage {
class Session;
}

namespace mams::sync {

/// Prepares a node restored from a backup for its links (docs/sync-protocol.md §9, "A node
/// restored from a backup"). Its peers may hold changes it made or received after the
/// backup, so:
/// - the outbox sequence jumps to `sequence_floor` (the restore time in microseconds): the
///   lost incarnation cannot have numbered a change that high, so no new change gets a
///   number a peer already acknowledged and would skip as a replay;
/// - every link asks its peer for a load (page 0): the parent sends back the rows of the
///   node's subtree, the children send theirs.
/// Run in the restore's transaction, before the node starts.
void MarkRestored(storage::Session& session, std::int64_t sequence_floor);

}  // namespace mams::sync
