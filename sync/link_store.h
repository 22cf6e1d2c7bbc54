#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sync/protocol.h"

namespace mams::storage {
class Session;
}  // namespace mams::storage

namespace mams::sync {

/// A link's state as stored in sync_links.
struct StoredLink {
  std::int64_t received = 0;                ///< the peer's outbox position committed here
  std::int64_t acked = 0;                   ///< this node's outbox position the peer acknowledged
  std::optional<LoadPosition> load_wanted;  ///< a load this node wants (or takes) from the peer
  std::string load_completed;               ///< the last load taken, when none is wanted
};

/// `sync_links`: one row per link, its stream cursors and the load it takes
/// (docs/sync-protocol.md §6, §9). Every function takes the caller's session and writes
/// within the caller's transaction, if any.
class LinkStore {
 public:
  /// The link's stored state. A link seen for the first time is stored wanting a load: the
  /// other side's current rows, instead of its outbox history (which may be long, or purged
  /// already when this node is new in an existing tree).
  static StoredLink Load(storage::Session& session, const std::string& peer,
                         const std::string& now);
  /// Whether a link was ever stored on this node.
  static bool Any(storage::Session& session);
  /// Stores the peer's outbox position committed here.
  static void SaveReceived(storage::Session& session, const std::string& peer, std::int64_t cursor,
                           const std::string& now);
  /// Stores this node's outbox position the peer acknowledged.
  static void SaveAcked(storage::Session& session, const std::string& peer, std::int64_t cursor,
                        const std::string& now);
  /// Stores the load position reached; `last` marks the load `at.load` complete (nothing is
  /// wanted any more). `LoadPosition{}` asks for a fresh load.
  static void SaveLoad(storage::Session& session, const std::string& peer, const LoadPosition& at,
                       bool last, const std::string& now);
  /// Every link wants a fresh load (a restored node cannot trust its positions).
  static void WantLoadsEverywhere(storage::Session& session);
};

}  // namespace mams::sync
