#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace Poco::JSON {
class Object;
}  // namespace Poco::JSON

// What other modules may know of the sync layer: the protocol version it speaks and the state
// of its links, and how the API shows a link. Offered by the sync module as a service
// (module::Services) of type LinkDirectory.
namespace mams::sync {

/// The version of the sync protocol (docs/sync-protocol.md) this node speaks; a peer that
/// speaks another is refused.
inline constexpr int kProtocolVersion = 1;

/// What a link looks like from this node, for status pages and metrics.
struct LinkStatus {
  std::string peer;        ///< the other node's id
  std::string role;        ///< "parent" or "child"
  std::string org;         ///< the org the link's far side serves
  bool connected = false;  ///< heard from within three heartbeats
  bool paused = false;     ///< an administrator stopped the exchange
  std::int64_t last_heard_ms = 0;
  std::int64_t sent_cursor = 0;      ///< our outbox position sent on this link
  std::int64_t acked_cursor = 0;     ///< acknowledged by the peer
  std::int64_t received_cursor = 0;  ///< the peer's outbox position we have committed
  std::int64_t pending = 0;          ///< our outbox entries routed to the peer, not yet acknowledged
  std::string oldest_pending_at;     ///< when the oldest of them was written (empty: none)
  std::uint64_t batches_sent = 0;
  int batch_limit = 0;  ///< changes the next batch may carry (adaptive, §6)
  std::uint64_t batches_received = 0;
  std::uint64_t changes_applied = 0;
  std::uint64_t conflicts = 0;
  std::uint64_t quarantined = 0;
  std::uint64_t replays = 0;  ///< batches received again (replayed or resent)
  bool load_sending = false;  ///< a load (initial load or resync) is going out on the link
  std::int64_t load_pages_sent = 0;
  std::int64_t load_rows_sent = 0;
  bool load_receiving = false;          ///< this node wants or is taking a load from the link
  std::int64_t load_page_received = 0;  ///< its last committed page (0: not started)
  std::string last_error;
};

/// The node's sync links as the sync thread last saw them. Thread-safe.
class LinkDirectory {
 public:
  virtual ~LinkDirectory() = default;
  /// A snapshot of every link (empty when the node has no parent and no children).
  virtual std::vector<LinkStatus> Links() const = 0;
};

/// The org whose scope a link belongs to, for listing it to a caller: a child's link by the
/// org it serves, the parent's link by this node's org (`node_org`).
const std::string& LinkScopeOrg(const LinkStatus& link, const std::string& node_org);

/// The link as GET /api/v1/sync/links shows it: every counter, the load both ways.
Poco::JSON::Object LinkJson(const LinkStatus& link);

/// The link in brief, as status pages show it: who, whether it runs, its backlog and its
/// last error.
Poco::JSON::Object LinkSummaryJson(const LinkStatus& link);

}  // namespace mams::sync
