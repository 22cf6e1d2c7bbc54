#include "modules/orgs/org_routes.h"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "node/auth/data_scope.h"
#include "node/common/errors.h"
#include "node/http/json.h"
#include "node/http/json_writer.h"
#include "node/http/paging.h"
#include "node/scope/org_tree.h"

namespace mams::orgs {
namespace {

constexpr char kReadPermission[] = "orgs:read";

Poco::JSON::Object OrgObject(const scope::Org& org, int depth) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("id", org.id);
  object.set("code", org.code);
  object.set("name", org.name);
  object.set("nameEn", org.name_en);
  object.set("level", std::string(scope::OrgLevelName(org.level)));
  object.set("parent", org.parent_code.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(org.parent_code));
  object.set("depth", depth);
  return object;
}

/// The served subtree with each org's JSON rendered once per tree version: the tree changes
/// rarely, lists are read on every page of the console.
struct Snapshot {
  std::shared_ptr<const scope::OrgTree> tree;
  std::vector<const scope::Org*> subtree;
  std::unordered_map<std::string, std::string> json;
};

class OrgView {
 public:
  OrgView(const scope::OrgDirectory& orgs, std::string served_org)
      : orgs_(orgs), served_org_(std::move(served_org)) {}

  std::shared_ptr<const Snapshot> Get() {
    auto tree = orgs_.Current();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!snapshot_ || snapshot_->tree != tree) {
      auto next = std::make_shared<Snapshot>();
      next->tree = tree;
      next->subtree = tree->Subtree(served_org_);
      for (const scope::Org* org : next->subtree) {
        next->json[org->code] = http::ToJson(OrgObject(*org, tree->Depth(org->code)));
      }
      snapshot_ = std::move(next);
    }
    return snapshot_;
  }

  const std::string& served_org() const { return served_org_; }

 private:
  const scope::OrgDirectory& orgs_;
  const std::string served_org_;
  std::mutex mutex_;
  std::shared_ptr<const Snapshot> snapshot_;
};

bool MatchesText(const scope::Org& org, const std::string& needle) {
  return org.code.find(needle) != std::string::npos ||
         org.name.find(needle) != std::string::npos ||
         org.name_en.find(needle) != std::string::npos;
}

http::HttpResponse ListOrgs(OrgView& view, const http::HttpRequest& request) {
  static const http::PageSpec kSpec{50, 500, {"code", "name", "level"}, ""};
  const http::PageRequest page = http::ParsePage(request, kSpec);
  std::optional<scope::OrgLevel> level;
  if (auto text = request.Query("level")) {
    level = scope::ParseOrgLevel(*text);
    if (!level) {
      throw ApiError(ErrorKind::kBadRequest, "invalid_parameter",
                     "level must be group, province or local", "level");
    }
  }
  const auto parent = request.Query("parent");
  const auto text = request.Query("q");

  const auto snapshot = view.Get();
  // The scope's codes are its subtree in tree order, always inside the node's subtree.
  std::vector<const scope::Org*> rows;
  for (const std::string& code : request.scope->org_codes()) {
    const scope::Org* org = snapshot->tree->Find(code);
    if (org == nullptr || snapshot->json.count(code) == 0 || (level && org->level != *level) || (parent && org->parent_code != *parent) ||
        (text && !MatchesText(*org, *text))) {
      continue;
    }
    rows.push_back(org);
  }
  if (!page.sort_field.empty()) {
    // Level sorts by hierarchy (group, province, local), not alphabetically.
    auto key = [&page](const scope::Org* org) {
      return page.sort_field == "code"   ? org->code
             : page.sort_field == "name" ? org->name
                                         : std::to_string(static_cast<int>(org->level));
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const scope::Org* a, const scope::Org* b) {
      return page.descending ? key(b) < key(a) : key(a) < key(b);
    });
  }
  std::string items = "[";
  const std::size_t end =
      std::min(rows.size(), static_cast<std::size_t>(page.offset) + static_cast<std::size_t>(page.limit));
  for (std::size_t i = static_cast<std::size_t>(page.offset); i < end; ++i) {
    items += (items.size() > 1 ? "," : "") + snapshot->json.at(rows[i]->code);
  }
  items += "]";
  return http::ListResponse(items, rows.size(), page);
}

// An org's JSON object, from the snapshot when it is there (every org the node serves).
std::string OrgJsonText(const Snapshot& snapshot, const scope::Org& org) {
  const auto found = snapshot.json.find(org.code);
  return found != snapshot.json.end()
             ? found->second
             : http::ToJson(OrgObject(org, snapshot.tree->Depth(org.code)));
}

// `object` (a JSON object's text) with `members` (`,"name":value...`) added at its end.
std::string WithMembers(const std::string& object, const std::string& members) {
  return object.substr(0, object.size() - 1) + members + "}";
}

std::string JsonArray(const std::vector<std::string>& items) {
  http::JsonWriter array;
  array.BeginArray();
  for (const std::string& item : items) {
    array.Raw(item);
  }
  return array.EndArray().Take();
}

// The answers below are put together from the snapshot's texts: building them as
// Poco::JSON objects copied every nested object (2.8M instructions for the group's org).
std::string TreeJson(const Snapshot& snapshot, const scope::Org& org) {
  std::vector<std::string> children;
  for (const scope::Org* child : snapshot.tree->Children(org.code)) {
    children.push_back(TreeJson(snapshot, *child));
  }
  return WithMembers(OrgJsonText(snapshot, org), ",\"children\":" + JsonArray(children));
}

http::HttpResponse OrgTreeResponse(OrgView& view, const http::HttpRequest& request) {
  const auto snapshot = view.Get();
  const scope::Org* root = snapshot->tree->Find(request.scope->root());
  if (root == nullptr) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no org of yours is served by this node");
  }
  return http::HttpResponse::Json(200, TreeJson(*snapshot, *root));
}

http::HttpResponse GetOrg(OrgView& view, const http::HttpRequest& request) {
  const std::string& code = request.PathParam("code");
  const auto snapshot = view.Get();
  const scope::OrgTree& tree = *snapshot->tree;
  // Outside the caller's scope is the same answer as unknown: codes leak nothing.
  const auth::DataScope& scope = *request.scope;
  if (!scope.Allows(code)) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no org with this code");
  }
  const scope::Org& org = *tree.Find(code);
  std::vector<std::string> children;
  for (const scope::Org* child : tree.Children(code)) {
    children.push_back(OrgJsonText(*snapshot, *child));
  }
  std::vector<const scope::Org*> ancestors;  // within the caller's scope, nearest first
  for (const scope::Org* at = tree.Find(org.parent_code); at != nullptr && scope.Allows(at->code);
       at = tree.Find(at->parent_code)) {
    ancestors.push_back(at);
  }
  std::vector<std::string> path;  // from the scope's root down to the parent
  for (auto at = ancestors.rbegin(); at != ancestors.rend(); ++at) {
    path.push_back(OrgJsonText(*snapshot, **at));
  }
  return http::HttpResponse::Json(
      200, WithMembers(OrgJsonText(*snapshot, org),
                       ",\"children\":" + JsonArray(children) + ",\"path\":" + JsonArray(path)));
}

}  // namespace

std::vector<http::Route> MakeOrgRoutes(const scope::OrgDirectory& orgs,
                                       const std::string& served_org) {
  auto view = std::make_shared<OrgView>(orgs, served_org);
  return {
      {"GET", "/api/v1/orgs", kReadPermission,
       [view](const http::HttpRequest& request) { return ListOrgs(*view, request); },
       "Orgs of the caller's scope; filters level, parent, q; paging and sort."},
      {"GET", "/api/v1/orgs/tree", kReadPermission,
       [view](const http::HttpRequest& request) { return OrgTreeResponse(*view, request); },
       "The served subtree as nested nodes."},
      {"GET", "/api/v1/orgs/{code}", kReadPermission,
       [view](const http::HttpRequest& request) { return GetOrg(*view, request); },
       "One org with its children and its path from the served root."},
  };
}

}  // namespace mams::orgs
