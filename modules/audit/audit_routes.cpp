#include "modules/audit/audit_module.h"

#include <Poco/JSON/Object.h>

#include <ostream>

#include "node/audit/audit_log.h"
#include "node/auth/data_scope.h"
#include "node/common/errors.h"
#include "node/http/json.h"
#include "node/http/paging.h"
#include "node/storage/statements.h"
#include "node/storage/storage.h"

namespace mams::audit_module {
namespace {

constexpr char kReadPermission[] = "audit:read";

// Query parameters that filter by equality, and the column each one compares.
const std::vector<std::pair<std::string, std::string>> kEqualityFilters = {
    {"username", "username"}, {"action", "action"},       {"outcome", "outcome"},
    {"entity", "entity"},     {"entityId", "entity_id"}, {"requestId", "request_id"}};

Poco::JSON::Object EntryObject(const storage::Row& row) {
  Poco::JSON::Object entry(Poco::JSON_PRESERVE_KEY_ORDER);
  const char* names[] = {"seq",       "at",         "nodeId",    "userId",  "username",
                         "actorOrg",  "clientAddress", "requestId", "action", "entity",
                         "entityId",  "org",        "outcome",   "before",  "after",
                         "detail"};
  entry.set("seq", row.Int(0));
  for (std::size_t i = 1; i < 16; ++i) {
    entry.set(names[i], row.Text(i));
  }
  return entry;
}

http::HttpResponse ListEntries(storage::Storage& storage, const http::HttpRequest& request) {
  static const http::PageSpec kSpec{50, 500, {"seq"}, "-seq"};
  const http::PageRequest page = http::ParsePage(request, kSpec);
  storage::SqlParams params;
  std::string where = " WHERE " + request.scope->SqlCondition("org_code", &params);
  for (const auto& [parameter, column] : kEqualityFilters) {
    if (auto value = request.Query(parameter)) {
      where += " AND " + column + " = ?";
      params.emplace_back(*value);
    }
  }
  if (auto from = request.Query("from")) {
    where += " AND at >= ?";
    params.emplace_back(*from);
  }
  if (auto to = request.Query("to")) {
    where += " AND at < ?";
    params.emplace_back(*to);
  }
  auto session = storage.Open();
  const std::int64_t total =
      session->Query("SELECT COUNT(*) FROM audit_log" + where, params).ScalarInt();
  storage::SqlParams page_params = params;
  page_params.emplace_back(std::int64_t{page.limit});
  page_params.emplace_back(std::int64_t{page.offset});
  const auto rows =
      session->Query(storage::SelectSql("audit_log", audit::EntryColumns()) + where +
                         " ORDER BY seq" + (page.descending ? " DESC" : "") + " LIMIT ? OFFSET ?",
                     page_params);
  Poco::JSON::Array items;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    items.add(EntryObject(rows[i]));
  }
  return http::ListResponse(http::ToJson(items), static_cast<std::size_t>(total), page);
}

http::HttpResponse VerifyChain(const audit::AuditLog& log, storage::Storage& storage) {
  const audit::Verification result = log.Verify(storage);
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("intact", result.intact);
  body.set("checked", result.checked);
  body.set("firstBrokenSeq", result.first_broken_seq ? Poco::Dynamic::Var(*result.first_broken_seq)
                                                     : Poco::Dynamic::Var());
  body.set("reason", result.reason);
  return http::HttpResponse::Json(200, http::ToJson(body));
}

// `mams-node --config FILE audit:verify`: the chain check of GET /api/v1/audit/verify, for
// an auditor at the console of a node; exit code 0 when intact, 1 when broken.
int VerifyTask(module::TaskContext& task) {
  const audit::Verification result = task.audit.Verify(task.storage);
  if (result.intact) {
    task.out << "audit log intact: " << result.checked << " entries checked\n";
    return 0;
  }
  task.out << "audit log BROKEN at entry "
           << (result.first_broken_seq ? std::to_string(*result.first_broken_seq) : "?") << ": "
           << result.reason << " (" << result.checked << " entries checked)\n";
  return 1;
}

}  // namespace

module::Module MakeModule() {
  module::Module module;
  module.name = "audit";
  module.description = "Operation log with a hash chain; query and verification for auditors";
  // Every module writes the log; the queries are limited by the org tree's scopes.
  module.depends_on = {"orgs"};
  module.migrations = audit::AuditLog::Migrations();
  module.permissions = {{kReadPermission, "Read and verify the operation log", {"security_auditor"}}};
  module.tasks = {{"verify", "",
                   "Recompute the operation log's hash chain; exit code 1 names the first "
                   "broken entry",
                   VerifyTask}};
  module.start = [](module::ModuleContext& context) {
    storage::Storage& storage = context.storage;
    const audit::AuditLog& log = context.audit;
    return std::vector<http::Route>{
        {"GET", "/api/v1/audit", kReadPermission,
         [&storage](const http::HttpRequest& request) { return ListEntries(storage, request); },
         "Operation log of the caller's scope; filters username, action, outcome, entity, "
         "entityId, requestId, from, to (ISO-8601 UTC)."},
        {"GET", "/api/v1/audit/verify", kReadPermission,
         [&log, &storage](const http::HttpRequest&) { return VerifyChain(log, storage); },
         "Recomputes the hash chain; names the first broken entry."},
    };
  };
  return module;
}

}  // namespace mams::audit_module
