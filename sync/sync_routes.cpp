#include "sync/sync_routes.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "node/audit/audit_log.h"
#include "node/auth/data_scope.h"
#include "node/auth/request_guard.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/http/json.h"
#include "node/http/paging.h"
#include "node/storage/storage.h"
#include "sync/subtree_checksum.h"
#include "sync/sync_service.h"

namespace mams::sync {
namespace {

constexpr char kReadPermission[] = "sync:read";
constexpr char kAdminPermission[] = "sync:admin";
constexpr char kConflictColumns[] =
    "SELECT id, table_name, row_id, org_code, winner_version, winner_node, loser_version,"
    " loser_node, winner_image, loser_image, detected_at, detected_by FROM sync_conflicts";
constexpr char kQuarantineColumns[] =
    "SELECT id, peer, table_name, row_id, org_code, version, version_node, image, reason,"
    " created_at FROM sync_quarantine";

Poco::JSON::Object LinkJson(const LinkStatus& link) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("peer", link.peer);
  object.set("role", link.role);
  object.set("org", link.org);
  object.set("connected", link.connected);
  object.set("paused", link.paused);
  object.set("lastHeardAt", link.last_heard_ms > 0
                                ? Poco::Dynamic::Var(FormatIsoUtc(link.last_heard_ms))
                                : Poco::Dynamic::Var());
  object.set("sentCursor", link.sent_cursor);
  object.set("ackedCursor", link.acked_cursor);
  object.set("receivedCursor", link.received_cursor);
  object.set("pending", link.pending);
  object.set("oldestPendingAt", link.oldest_pending_at.empty()
                                    ? Poco::Dynamic::Var()
                                    : Poco::Dynamic::Var(link.oldest_pending_at));
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

// A page of a sync table as JSON objects named by `names`, columns in order.
http::HttpResponse Page(storage::Storage& storage, const http::HttpRequest& request,
                        const std::string& select, const std::string& where,
                        storage::SqlParams params, const std::vector<const char*>& names,
                        const std::string& order) {
  static const http::PageSpec kSpec{50, 500, {"at"}, "-at"};
  const http::PageRequest page = http::ParsePage(request, kSpec);
  auto session = storage.Open();
  const std::string from = select.substr(select.find(" FROM "));
  const std::int64_t total = session->Query("SELECT COUNT(*)" + from + where, params).ScalarInt();
  params.emplace_back(std::int64_t{page.limit});
  params.emplace_back(std::int64_t{page.offset});
  const auto rows =
      session->Query(select + where + " ORDER BY " + order + " LIMIT ? OFFSET ?", params);
  Poco::JSON::Array items;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    for (std::size_t c = 0; c < names.size(); ++c) {
      const auto& value = rows[i].Value(c);
      if (const auto* number = std::get_if<std::int64_t>(&value)) {
        item.set(names[c], *number);
      } else {
        item.set(names[c], rows[i].Text(c));
      }
    }
    items.add(item);
  }
  return http::ListResponse(http::ToJson(items), static_cast<std::size_t>(total), page);
}

}  // namespace

std::vector<http::Route> SyncRoutes(SyncService& service, storage::Storage& storage,
                                    const SyncCatalog& catalog, const audit::AuditLog& audit,
                                    const std::string& node_org) {
  auto pause = [&service, &storage, &audit](bool paused) {
    return [&service, &storage, &audit, paused](const http::HttpRequest& request) {
      const std::string peer = request.PathParam("peer");
      const std::optional<std::string> link_org = service.OrgOf(peer);
      if (!link_org || !request.scope->Allows(*link_org) || !service.SetPaused(peer, paused)) {
        throw ApiError(ErrorKind::kNotFound, "not_found", "no sync link to " + peer);
      }
      const std::string& org = *link_org;
      audit::Entry entry =
          audit::EntryFor(paused ? "sync.pause" : "sync.resume", "sync_link", peer, org);
      audit.AppendAlone(storage, auth::RequestActor(request), entry);
      Poco::JSON::Object body;
      body.set("peer", peer);
      body.set("paused", paused);
      return http::HttpResponse::Json(200, http::ToJson(body));
    };
  };
  auto resync = [&service, &storage, &audit](const http::HttpRequest& request) {
    const std::string peer = request.PathParam("peer");
    const std::optional<std::string> link_org = service.OrgOf(peer);
    if (!link_org || !request.scope->Allows(*link_org) || !service.RequestResync(peer)) {
      throw ApiError(ErrorKind::kNotFound, "not_found", "no sync link to " + peer);
    }
    audit.AppendAlone(storage, auth::RequestActor(request),
                      audit::EntryFor("sync.resync", "sync_link", peer, *link_org));
    Poco::JSON::Object body;
    body.set("peer", peer);
    body.set("resync", "requested");
    return http::HttpResponse::Json(202, http::ToJson(body));
  };
  return {
      {"POST", "/api/v1/sync/links/{peer}/resync", kAdminPermission, resync,
       "Asks the peer for a load: a child sends its subtree again, the parent this node's "
       "subtree and the reference data; resumable, alongside live changes; audited."},
      {"POST", "/api/v1/sync/links/{peer}/pause", kAdminPermission, pause(true),
       "Stops the exchange on a link (nothing sent, nothing acknowledged); audited."},
      {"POST", "/api/v1/sync/links/{peer}/resume", kAdminPermission, pause(false),
       "Restarts the exchange on a paused link; audited."},
      {"GET", "/api/v1/sync/links", kReadPermission,
       [&service, node_org](const http::HttpRequest& request) {
         Poco::JSON::Array items;
         for (const auto& link : service.Links()) {
           // A child's link by the org it serves; the parent's link belongs to this node.
           if (request.scope->Allows(link.role == "child" ? link.org : node_org)) {
             items.add(LinkJson(link));
           }
         }
         Poco::JSON::Object body;
         body.set("items", items);
         return http::HttpResponse::Json(200, http::ToJson(body));
       },
       "This node's sync links in the caller's scope (a child's by its org, the parent's by "
       "this node's): connected, cursors, pending changes and their age, counters."},
      {"GET", "/api/v1/sync/checksum", kReadPermission,
       [&storage, &catalog](const http::HttpRequest& request) {
         const std::string org = request.Query("org").value_or(request.scope->root());
         const auth::DataScope scope = request.scope->Narrowed(org);
         if (scope.empty() || !request.scope->Allows(org)) {
           throw ApiError(ErrorKind::kNotFound, "not_found", "org " + org + " is not in scope");
         }
         auto session = storage.Open();
         const std::vector<TableChecksum> tables = SubtreeChecksums(*session, catalog, scope);
         Poco::JSON::Array items;
         for (const auto& table : tables) {
           Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
           item.set("table", table.table);
           item.set("rows", table.rows);
           item.set("sha256", table.sha256);
           items.add(item);
         }
         Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
         body.set("org", scope.root());
         body.set("sha256", CombinedChecksum(tables));
         body.set("tables", items);
         return http::HttpResponse::Json(200, http::ToJson(body));
       },
       "Digests of what this node holds of a subtree (`org`, default the caller's scope): per "
       "sync table the rows and a SHA-256 of their ids and versions, to compare with the same "
       "call at the parent or a child."},
      {"GET", "/api/v1/sync/conflicts", kReadPermission,
       [&storage](const http::HttpRequest& request) {
         storage::SqlParams params;
         const std::string where = " WHERE " + request.scope->SqlCondition("org_code", &params);
         return Page(storage, request, kConflictColumns, where, params,
                     {"id", "table", "rowId", "org", "winnerVersion", "winnerNode", "loserVersion",
                      "loserNode", "winnerImage", "loserImage", "detectedAt", "detectedBy"},
                     "detected_at DESC, id");
       },
       "Concurrent changes that lost (both row images), in the caller's scope."},
      {"GET", "/api/v1/sync/quarantine", kReadPermission,
       [&storage](const http::HttpRequest& request) {
         storage::SqlParams params;
         const std::string where = " WHERE " + request.scope->SqlCondition("org_code", &params);
         return Page(storage, request, kQuarantineColumns, where, params,
                     {"id", "peer", "table", "rowId", "org", "version", "versionNode", "image",
                      "reason", "createdAt"},
                     "created_at DESC, id");
       },
       "Received changes that could not be applied or were refused, with the reason, in the "
       "caller's scope."},
  };
}

}  // namespace mams::sync
