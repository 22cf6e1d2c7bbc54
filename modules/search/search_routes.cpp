// /api/v1/search: one box over every kind of thing, each kind from the module that owns it.
#include "modules/search/search_routes.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "modules/search/api/search_hits.h"
#include "modules/search/api/search_index.h"
#include "modules/search/api/search_text.h"
#include "modules/search/search_jobs.h"
#include "node/audit/audit_log.h"
#include "node/auth/data_scope.h"
#include "node/auth/request_guard.h"
#include "node/auth/principal.h"
#include "node/common/errors.h"
#include "node/http/json.h"
#include "node/module/extensions.h"
#include "node/storage/storage.h"

namespace mams::search {
namespace {

constexpr int kDefaultPerKind = 5;
constexpr int kMaxPerKind = 20;

int PerKind(const http::HttpRequest& request) {
  const auto text = request.Query("limit");
  if (!text) {
    return kDefaultPerKind;
  }
  const bool digits = !text->empty() && text->size() <= 2 &&
                      std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
  const int limit = digits ? std::stoi(*text) : 0;
  if (limit < 1 || limit > kMaxPerKind) {
    throw ApiError(ErrorKind::kBadRequest, "invalid_parameter",
                   "limit: a whole number from 1 to " + std::to_string(kMaxPerKind), "limit")
        .With("min", "1")
        .With("max", std::to_string(kMaxPerKind));
  }
  return limit;
}

std::set<std::string> Kinds(const http::HttpRequest& request) {
  std::set<std::string> kinds;
  if (const auto text = request.Query("kinds")) {
    std::istringstream list(*text);
    for (std::string kind; std::getline(list, kind, ',');) {
      kinds.insert(kind);
    }
  }
  return kinds;
}

Poco::JSON::Object HitJson(const module::SearchHit& hit, const std::string& query) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("id", hit.id);
  object.set("title", hit.title);
  object.set("subtitle", hit.subtitle);
  object.set("path", hit.path);
  Poco::JSON::Array ranges;
  for (const auto& [start, end] : Highlights(hit.title, query)) {
    Poco::JSON::Array range;
    range.add(start);
    range.add(end);
    ranges.add(range);
  }
  object.set("highlights", ranges);
  return object;
}

http::HttpResponse Search(const module::Extensions& extensions, storage::Storage& storage,
                          const http::HttpRequest& request) {
  const std::string query = request.Query("q").value_or("");
  if (query.empty()) {
    throw ApiError(ErrorKind::kBadRequest, "missing_field", "q is required", "q");
  }
  const int per_kind = PerKind(request);
  const auto kinds = Kinds(request);
  const audit::Actor actor = auth::RequestActor(request);
    const module::Caller caller{*request.scope, *request.principal, actor};
  auto session = storage.Open();
  Poco::JSON::Array groups;
  for (const auto& entry : extensions.search_providers.entries()) {
    const auto& provider = entry.item;
    if ((!kinds.empty() && kinds.count(provider.key) == 0) ||
        (!provider.permission.empty() && !request.principal->Has(provider.permission))) {
      continue;
    }
    auto hits = provider.search(*session, query, static_cast<std::size_t>(per_kind) + 1, caller);
    // Best first; the provider's order (the index's) breaks ties.
    std::stable_sort(hits.begin(), hits.end(), [&](const auto& a, const auto& b) {
      return MatchScore(a.title, query) > MatchScore(b.title, query);
    });
    Poco::JSON::Object group(Poco::JSON_PRESERVE_KEY_ORDER);
    group.set("kind", provider.key);
    group.set("more", hits.size() > static_cast<std::size_t>(per_kind));
    Poco::JSON::Array items;
    for (std::size_t i = 0; i < hits.size() && i < static_cast<std::size_t>(per_kind); ++i) {
      items.add(HitJson(hits[i], query));
    }
    group.set("hits", items);
    groups.add(group);
  }
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("query", query);
  body.set("truncated", PlanQuery(query).truncated);
  // While a kind is built or brought up to date after a load, some matches are missing.
  const auto indexer = extensions.services.Find<SearchIndexer>();
  body.set("indexing", indexer != nullptr && IndexBehind(*session, *indexer));
  body.set("groups", groups);
  return http::HttpResponse::Json(200, http::ToJson(body));
}

}  // namespace

std::vector<http::Route> SearchRoutes(const module::Extensions& extensions,
                                      storage::Storage& storage, const std::string& permission) {
  return {{"GET", "/api/v1/search", permission,
           [&extensions, &storage](const http::HttpRequest& request) {
             return Search(extensions, storage, request);
           },
           "One search box over every kind the caller may read: q (Chinese, pinyin, pinyin "
           "initials, numbers), kinds (comma list), limit per kind (1-20, default 5)."}};
}

}  // namespace mams::search
