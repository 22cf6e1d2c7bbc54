#include "sync/sync_routes.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "node/audit/audit_log.h"
#include "node/auth/data_scope.h"
#include "node/auth/request_guard.h"
#include "node/common/errors.h"
#include "node/http/json.h"
#include "node/http/paging.h"
#include "node/storage/storage.h"
#include "sync/api/sync_status.h"
#include "sync/subtree_checksum.h"
#include "sync/sync_service.h"

namespace mams::sync {
namespace {

constexpr char kReadPermission[] = "sync:read";
constexpr char kAdminPermission[] = "sync:admin";

/// A column of a listed sync table and the JSON name it is shown by.
struct ListedColumn {
  const char* column;
  const char* json;
};

constexpr ListedColumn kConflictColumns[] = {
    {"id", "id"},
    {"table_name", "table"},
    {"row_id", "rowId"},
    {"org_code", "org"},
    {"winner_version", "winnerVersion"},
    {"winner_node", "winnerNode"},
    {"loser_version", "loserVersion"},
    {"loser_node", "loserNode"},
    {"winner_image", "winnerImage"},
    {"loser_image", "loserImage"},
    {"detected_at", "detectedAt"},
    {"detected_by", "detectedBy"},
};
constexpr ListedColumn kQuarantineColumns[] = {
    {"id", "id"},
    {"peer", "peer"},
    {"table_name", "table"},
    {"row_id", "rowId"},
    {"org_code", "org"},
    {"version", "version"},
    {"version_node", "versionNode"},
    {"image", "image"},
    {"reason", "reason"},
    {"created_at", "createdAt"},
};

// A page of the rows of `table` in the caller's scope, newest first by `order`, as JSON
// objects of `columns`.
template <std::size_t N>
http::HttpResponse Page(storage::Storage& storage, const http::HttpRequest& request,
                        const char* table, const ListedColumn (&columns)[N],
                        const std::string& order) {
  static const http::PageSpec kSpec{50, 500, {"at"}, "-at"};
  const http::PageRequest page = http::ParsePage(request, kSpec);
  storage::SqlParams params;
  const std::string from = std::string(" FROM ") + table + " WHERE " +
                           request.scope->SqlCondition("org_code", &params);
  std::string select = "SELECT ";
  for (std::size_t c = 0; c < N; ++c) {
    select += (c == 0 ? "" : ", ") + std::string(columns[c].column);
  }
  auto session = storage.Open();
  const std::int64_t total = session->Query("SELECT COUNT(*)" + from, params).ScalarInt();
  params.emplace_back(std::int64_t{page.limit});
  params.emplace_back(std::int64_t{page.offset});
  const auto rows =
      session->Query(select + from + " ORDER BY " + order + " LIMIT ? OFFSET ?", params);
  Poco::JSON::Array items;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    for (std::size_t c = 0; c < N; ++c) {
      const auto& value = rows[i].Value(c);
      if (const auto* number = std::get_if<std::int64_t>(&value)) {
        item.set(columns[c].json, *number);
      } else {
        item.set(columns[c].json, rows[i].Text(c));
      }
    }
    items.add(item);
  }
  return http::ListResponse(http::ToJson(items), static_cast<std::size_t>(total), page);
}

// The org of the link named in the path, when the link is in the caller's scope and `act`
// (pause, resume, resync) accepts the peer; a 404 otherwise.
template <typename Act>
std::string LinkOrgFor(SyncService& service, const http::HttpRequest& request, Act act) {
  const std::string peer = request.PathParam("peer");
  const std::optional<std::string> link_org = service.OrgOf(peer);
  if (!link_org || !request.scope->Allows(*link_org) || !act(peer)) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no sync link to " + peer);
  }
  return *link_org;
}

}  // namespace

std::vector<http::Route> SyncRoutes(SyncService& service, storage::Storage& storage,
                                    const SyncCatalog& catalog, const audit::AuditLog& audit,
                                    const std::string& node_org) {
  auto pause = [&service, &storage, &audit](bool paused) {
    return [&service, &storage, &audit, paused](const http::HttpRequest& request) {
      const std::string peer = request.PathParam("peer");
      const std::string org = LinkOrgFor(
          service, request, [&](const std::string& p) { return service.SetPaused(p, paused); });
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
    const std::string org = LinkOrgFor(
        service, request, [&](const std::string& p) { return service.RequestResync(p); });
    audit.AppendAlone(storage, auth::RequestActor(request),
                      audit::EntryFor("sync.resync", "sync_link", peer, org));
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
           if (request.scope->Allows(LinkScopeOrg(link, node_org))) {
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
         return Page(storage, request, "sync_conflicts", kConflictColumns, "detected_at DESC, id");
       },
       "Concurrent changes that lost (both row images), in the caller's scope."},
      {"GET", "/api/v1/sync/quarantine", kReadPermission,
       [&storage](const http::HttpRequest& request) {
         return Page(storage, request, "sync_quarantine", kQuarantineColumns,
                     "created_at DESC, id");
       },
       "Received changes that could not be applied or were refused, with the reason, in the "
       "caller's scope."},
  };
}

}  // namespace mams::sync
