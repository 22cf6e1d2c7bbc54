// The JSON of a sync link (sync/api/sync_status.h), for this module's routes and for status
// pages of other modules.
#include "sync/api/sync_status.h"

#include <Poco/JSON/Object.h>

#include "node/common/clock.h"

namespace mams::sync {
namespace {

// The keys every link object opens with: who the link is and whether it runs.
Poco::JSON::Object LinkHead(const LinkStatus& link) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("peer", link.peer);
  object.set("role", link.role);
  object.set("org", link.org);
  object.set("connected", link.connected);
  object.set("paused", link.paused);
  return object;
}

Poco::Dynamic::Var NullIfEmpty(const std::string& text) {
  return text.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(text);
}

}  // namespace

const std::string& LinkScopeOrg(const LinkStatus& link, const std::string& node_org) {
  return link.role == "child" ? link.org : node_org;
}

Poco::JSON::Object LinkJson(const LinkStatus& link) {
  Poco::JSON::Object object = LinkHead(link);
  object.set("lastHeardAt", link.last_heard_ms > 0
                                ? Poco::Dynamic::Var(FormatIsoUtc(link.last_heard_ms))
                                : Poco::Dynamic::Var());
  object.set("sentCursor", link.sent_cursor);
  object.set("ackedCursor", link.acked_cursor);
  object.set("receivedCursor", link.received_cursor);
  object.set("pending", link.pending);
  object.set("oldestPendingAt", NullIfEmpty(link.oldest_pending_at));
  object.set("batchesSent", static_cast<Poco::UInt64>(link.batches_sent));
  object.set("batchLimit", link.batch_limit);
  object.set("batchesReceived", static_cast<Poco::UInt64>(link.batches_received));
  object.set("changesApplied", static_cast<Poco::UInt64>(link.changes_applied));
  object.set("conflicts", static_cast<Poco::UInt64>(link.conflicts));
  object.set("quarantined", static_cast<Poco::UInt64>(link.quarantined));
  object.set("replays", static_cast<Poco::UInt64>(link.replays));
  Poco::JSON::Object load(Poco::JSON_PRESERVE_KEY_ORDER);
  load.set("sending", link.load_sending);
  load.set("pagesSent", link.load_pages_sent);
  load.set("rowsSent", link.load_rows_sent);
  load.set("receiving", link.load_receiving);
  load.set("pageReceived", link.load_page_received);
  object.set("load", load);
  object.set("lastError", link.last_error);
  return object;
}

Poco::JSON::Object LinkSummaryJson(const LinkStatus& link) {
  Poco::JSON::Object object = LinkHead(link);
  object.set("pending", link.pending);
  object.set("oldestPendingAt", link.oldest_pending_at);
  object.set("lastError", link.last_error);
  return object;
}

}  // namespace mams::sync
