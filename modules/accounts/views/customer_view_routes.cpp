// The 360° overview, revenue, exports, duplicates and merge, and value-grading rules.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <map>
#include <mutex>

#include "modules/accounts/accounts_routes.h"
#include "modules/accounts/contacts/contact_json.h"
#include "modules/accounts/contacts/contact_service.h"
#include "modules/accounts/customers/customer_entities.h"
#include "modules/accounts/customers/customer_json.h"
#include "modules/accounts/customers/customer_query.h"
#include "modules/accounts/grading/grading_service.h"
#include "modules/accounts/grading/revenue_entities.h"
#include "modules/accounts/grading/value_grade.h"
#include "modules/accounts/views/customer_dashboard.h"
#include "modules/accounts/views/customer_export.h"
#include "modules/accounts/views/customer_overview.h"
#include "node/auth/data_scope.h"
#include "node/auth/principal.h"
#include "node/auth/request_guard.h"
#include "node/common/clock.h"
#include "node/common/error_catalogue.h"
#include "node/common/errors.h"
#include "node/entity/entity_json.h"
#include "node/http/conditional.h"
#include "node/http/json.h"
#include "node/module/extensions.h"
#include "node/privacy/masking.h"

namespace mams::accounts {
namespace {

constexpr std::int64_t kDashboardTtlMs = 30000;
constexpr std::size_t kDashboardCacheEntries = 1024;

Poco::JSON::Object Brief(const CustomerRecord& c) {
  return entity::JsonObjectOf(CustomerEntity(), c, CustomerBriefMembers());
}

template <typename T, typename F>
Poco::JSON::Array ArrayOf(const std::vector<T>& items, F&& to_json) {
  Poco::JSON::Array array;
  for (const auto& item : items) {
    array.add(to_json(item));
  }
  return array;
}

Poco::JSON::Object RuleJson(const std::string& org, const GradeThresholds& t, bool inherited) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("org", org);
  object.set("aMin", t.a_min);
  object.set("bMin", t.b_min);
  object.set("cMin", t.c_min);
  object.set("inherited", inherited);
  return object;
}

class ViewHandlers {
 public:
  ViewHandlers(AccountsContext& context, const module::Extensions& extensions,
               std::shared_ptr<CustomerService> customers,
               std::shared_ptr<ContactService> contacts, std::shared_ptr<GradingService> grading)
      : context_(context),
        extensions_(extensions),
        customers_(std::move(customers)),
        contacts_(std::move(contacts)),
        grading_(std::move(grading)) {}

  // A group-wide dashboard reads every customer (3 s at 10⁶ on SQLite), so the figures of
  // one view (scope, org, own customers) are kept for kDashboardTtlMs and say when they
  // were read ("asOf").
  http::HttpResponse Dashboard(const http::HttpRequest& request) {
    const std::string org = request.Query("org").value_or("");
    const auto visibility = Visibility(request);
    const std::int64_t now = context_.clock.NowMs();
    const std::string key =
        visibility.scope.root() + "|" + org + "|" + visibility.only_managed_by.value_or("");
    {
      std::lock_guard<std::mutex> lock(dashboards_mutex_);
      const auto found = dashboards_.find(key);
      if (found != dashboards_.end() && now - found->second.first < kDashboardTtlMs) {
        return http::HttpResponse::Json(200, found->second.second);
      }
    }
    http::HttpResponse answer = ReadDashboardAnswer(visibility, org, now);
    std::lock_guard<std::mutex> lock(dashboards_mutex_);
    if (dashboards_.size() >= kDashboardCacheEntries) {
      dashboards_.clear();
    }
    dashboards_[key] = {now, answer.body};
    return answer;
  }

  http::HttpResponse ReadDashboardAnswer(const CustomerVisibility& visibility,
                                         const std::string& org, std::int64_t now) {
    const auto months = MonthsUpTo(Last12Months(now).last, 12);
    auto session = context_.storage.Open();
    const CustomerDashboard board = ReadDashboard(*session, visibility, org, months);
    if (board.org.empty()) {
      throw ApiError(ErrorKind::kNotFound, "not_found", "no org " + org + " in your scope", "org");
    }
    const auto counts = [](const std::map<std::string, std::int64_t>& by) {
      Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
      for (const auto& [key, count] : by) {
        object.set(key, count);
      }
      return object;
    };
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("org", board.org);
    body.set("asOf", FormatIsoUtc(now));
    body.set("total", board.total);
    body.set("byState", counts(board.by_state));
    body.set("byValueGrade", counts(board.by_value_grade));
    body.set("byIndustry", counts(board.by_industry));
    body.set("byLevel", counts(board.by_level));
    body.set("byChildOrg", counts(board.by_child_org));
    body.set("revenue", entity::JsonArray(MonthTotalEntity(), board.revenue));
    body.set("top", ArrayOf(board.top, CustomerJson));
    return http::HttpResponse::Json(200, http::ToJson(body));
  }

  http::HttpResponse Overview(const http::HttpRequest& request) {
    const auto visibility = Visibility(request);
    const CustomerOverview view = ReadOverview(context_, visibility, request.PathParam("id"));
    const bool show_pii = request.principal->Has(privacy::kPiiView);
    if (show_pii && !view.contacts.empty()) {
      contacts_->RecordPiiRead(auth::RequestActor(request), view.customer, view.contacts.size());
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("customer", CustomerJson(view.customer));
    body.set("parent",
             view.parent ? Poco::Dynamic::Var(Brief(*view.parent)) : Poco::Dynamic::Var());
    Poco::JSON::Object branches;
    branches.set("total", view.branches_total);
    branches.set("items", ArrayOf(view.branches, Brief));
    body.set("branches", branches);
    body.set("contacts", ArrayOf(view.contacts, [show_pii](const ContactRecord& c) {
               return ContactJson(c, show_pii);
             }));
    body.set("products", entity::JsonArray(ProductTotalEntity(), view.products));
    Poco::JSON::Object revenue(Poco::JSON_PRESERVE_KEY_ORDER);
    revenue.set("from", view.window.first);
    revenue.set("to", view.window.last);
    revenue.set("total", view.customer.revenue_12m);
    revenue.set("arrears", view.months.empty() ? 0 : view.months.back().arrears);
    revenue.set("months", entity::JsonArray(MonthTotalEntity(), view.months));
    body.set("revenue", revenue);
    Poco::JSON::Object counts(Poco::JSON_PRESERVE_KEY_ORDER);
    counts.set("contacts", view.contacts.size());
    counts.set("visits", view.visits_total);
    Poco::JSON::Array facets;
    const auto recent = AddFacets(request, view.customer.id, &counts, &facets);
    body.set("counts", counts);
    body.set("facets", facets);
    // Every facet comes from a loaded module now; the console still reads the list.
    body.set("notYetAvailable", Poco::JSON::Array());
    body.set("recentVisits", ArrayOf(view.recent_visits, VisitJson));
    for (const auto& [key, items] : recent) {
      body.set(key, Poco::JSON::Parser().parse(items));
    }
    Poco::JSON::Object history;
    history.set("total", view.history_total);
    history.set("items", ArrayOf(view.history, TimelineJson(extensions_, request)));
    body.set("history", history);
    return http::HttpResponse::Json(200, http::ToJson(body));
  }

  http::HttpResponse Export(const http::HttpRequest& request) {
    const std::string format = request.Query("format").value_or("xlsx");
    if (format != "xlsx" && format != "csv") {
      throw ApiError(ErrorKind::kBadRequest, "invalid_format", "format: xlsx or csv", "format");
    }
    const bool english = request.Query("lang").value_or("zh") == "en";
    const http::PageRequest page = http::ParsePage(request, CustomerPageSpec());
    const CustomerFilter filter = ReadCustomerFilter(request);
    std::int64_t total = 0;
    const auto customers = customers_->List(Visibility(request), filter, CustomerOrderBy(page),
                                            kMaxExportRows, 0, &total);
    if (total > kMaxExportRows) {
      throw ApiError(ErrorKind::kUnprocessable, "export_too_large",
                     std::to_string(total) + " customers match; an export holds at most " +
                         std::to_string(kMaxExportRows) + " — narrow the filters")
          .With("count", std::to_string(total))
          .With("max", std::to_string(kMaxExportRows));
    }
    customers_->RecordExport(auth::RequestActor(request), format, customers.size(), request.query);
    http::HttpResponse response;
    response.status = 200;
    if (format == "csv") {
      response.body = CustomersCsv(customers, english);
      response.content_type = "text/csv; charset=utf-8";
    } else {
      response.body = CustomersXlsx(customers, english);
      response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"customers." + format + "\"");
    return response;
  }

  http::HttpResponse Merge(const http::HttpRequest& request) {
    const auto visibility = Visibility(request);
    customers_->Get(visibility, request.PathParam("id"));
    const auto body = http::ParseJsonObject(request.body);
    http::RequireOnlyFields(*body, {"from", "reason"});
    const CustomerRecord winner =
        customers_->Merge(visibility, request.PathParam("id"), http::RequireString(*body, "from"),
                          http::RequireString(*body, "reason"), http::IfMatchVersion(request),
                          auth::RequestActor(request));
    http::HttpResponse response = http::HttpResponse::Json(200, CustomerJsonText(winner));
    http::SetETag(&response, winner.version);
    return response;
  }

  http::HttpResponse Duplicates(const http::HttpRequest& request) {
    static const http::PageSpec kSpec{20, 100, {"count"}, "-count"};
    const http::PageRequest page = http::ParsePage(request, kSpec);
    std::int64_t total = 0;
    const auto groups = customers_->DuplicateGroups(Visibility(request), request.Query("org"),
                                                    page.limit, page.offset, &total);
    Poco::JSON::Array items;
    for (const auto& group : groups) {
      Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
      item.set("org", group.org_code);
      item.set("nameKey", group.name_key);
      item.set("count", group.members.size());
      item.set("customers", ArrayOf(group.members, Brief));
      items.add(item);
    }
    return http::ListResponse(http::ToJson(items), static_cast<std::size_t>(total), page);
  }

  http::HttpResponse Rules(const http::HttpRequest& request) {
    Poco::JSON::Array items;
    for (const auto& rule : grading_->RulesInScope(*request.scope)) {
      items.add(RuleJson(rule.org_code, rule.thresholds, false));
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("items", items);
    body.set("defaults", RuleJson("", GradeThresholds{}, false));
    const std::string& own = request.principal->org_code;
    body.set("effective", RuleJson(own, grading_->Effective(own), true));
    return http::HttpResponse::Json(200, http::ToJson(body));
  }

  http::HttpResponse SetRule(const http::HttpRequest& request) {
    const std::string& org = request.PathParam("org");
    if (!request.scope->Allows(org)) {
      throw ApiError(ErrorKind::kNotFound, "not_found", "no such org in your scope");
    }
    const auto body = http::ParseJsonObject(request.body);
    http::RequireOnlyFields(*body, {"aMin", "bMin", "cMin"});
    GradeThresholds thresholds;
    for (const auto& [field, target] : {std::pair{"aMin", &thresholds.a_min},
                                        {"bMin", &thresholds.b_min},
                                        {"cMin", &thresholds.c_min}}) {
      const auto value = http::OptionalInt(*body, field);
      if (!value) {
        throw ApiError(ErrorKind::kUnprocessable, "missing_field",
                       std::string(field) + " is required (fen)", field);
      }
      *target = *value;
    }
    const int regraded = grading_->SetRule(org, thresholds, auth::RequestActor(request));
    Poco::JSON::Object result = RuleJson(org, thresholds, false);
    result.set("regraded", regraded);
    return http::HttpResponse::Json(200, http::ToJson(result));
  }

 private:
  // The facets other modules own (tickets, opportunities, contracts, …): each count goes
  // into `counts` and, titled in the reader's language, into `facets`; their newest items
  // are returned as {view key, JSON array}.
  std::vector<std::pair<std::string, std::string>> AddFacets(const http::HttpRequest& request,
                                                             const std::string& customer_id,
                                                             Poco::JSON::Object* counts,
                                                             Poco::JSON::Array* titled) {
    std::vector<std::pair<std::string, std::string>> recent;
    const auto& facets = extensions_.customer_facets.entries();
    if (facets.empty()) {
      return recent;
    }
    auto session = context_.storage.Open();
    const audit::Actor actor = auth::RequestActor(request);
    const module::Caller caller{*request.scope, *request.principal, actor};
    const bool english = PreferredLanguage(request.Header("accept-language")) == Language::kEnglish;
    for (const auto& entry : facets) {
      const module::CustomerFacet& facet = entry.item;
      if (!facet.permission.empty() && !request.principal->Has(facet.permission)) {
        continue;
      }
      const module::FacetValue value = facet.read(*session, customer_id, caller);
      counts->set(facet.key, value.count);
      Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
      item.set("key", facet.key);
      item.set("title", english ? facet.title_en : facet.title_zh);
      item.set("count", value.count);
      titled->add(item);
      if (!facet.recent_key.empty()) {
        recent.emplace_back(facet.recent_key, value.recent_json);
      }
    }
    return recent;
  }

  static CustomerVisibility Visibility(const http::HttpRequest& request) {
    return CustomerVisibility::Of(*request.scope, *request.principal);
  }

  AccountsContext& context_;
  const module::Extensions& extensions_;
  std::shared_ptr<CustomerService> customers_;
  std::shared_ptr<ContactService> contacts_;
  std::shared_ptr<GradingService> grading_;
  std::mutex dashboards_mutex_;
  std::map<std::string, std::pair<std::int64_t, std::string>> dashboards_;  ///< at, body
};

}  // namespace

std::vector<http::Route> CustomerViewRoutes(AccountsContext& context,
                                            const module::Extensions& extensions,
                                            std::shared_ptr<CustomerService> customers,
                                            std::shared_ptr<ContactService> contacts,
                                            std::shared_ptr<GradingService> grading) {
  auto h = std::make_shared<ViewHandlers>(context, extensions, std::move(customers),
                                          std::move(contacts), std::move(grading));
  using R = const http::HttpRequest&;
  return {
      {"GET", "/api/v1/dashboard", kCustomersRead, [h](R r) { return h->Dashboard(r); },
       "Figures of the caller's scope (or of org=CODE within it): customers by state, value "
       "grade, industry, level and child org; revenue of the last 12 months; top 20."},
      {"GET", "/api/v1/customers/{id}/overview", kCustomersRead,
       [h](R r) { return h->Overview(r); },
       "360° view: profile, parent and branches, contacts, products, 12 months' revenue, "
       "counts, recent visits and history in one call."},
      {"GET", "/api/v1/customers/export", kCustomersExport, [h](R r) { return h->Export(r); },
       "The filtered list (same filters and sort as the list) as format=xlsx|csv, lang=zh|en; "
       "at most 100,000 rows; audited."},
      {"GET", "/api/v1/customers/duplicates", kCustomersRead, [h](R r) { return h->Duplicates(r); },
       "Groups of customers in one org whose names differ only by company suffixes; filter org."},
      {"POST", "/api/v1/customers/{id}/merge", kCustomersWrite, [h](R r) { return h->Merge(r); },
       "Merge {from, reason} into this customer; the other becomes a tombstone (mergedInto)."},
      {"GET", "/api/v1/grading-rules", kCustomersRead, [h](R r) { return h->Rules(r); },
       "Value-grade thresholds (fen, 12 months) set in scope, the defaults and the caller's."},
      {"PUT", "/api/v1/grading-rules/{org}", kGradingWrite, [h](R r) { return h->SetRule(r); },
       "Set {aMin, bMin, cMin} for an org's subtree and regrade its customers."},
  };
}

}  // namespace mams::accounts
