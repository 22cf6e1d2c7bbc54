// /api/v1/customers: thin handlers over CustomerService.
#include <Poco/JSON/Object.h>

#include "modules/accounts/accounts_routes.h"
#include "modules/accounts/common/reference_data.h"
#include "modules/accounts/customers/customer_entities.h"
#include "modules/accounts/customers/customer_json.h"
#include "modules/accounts/customers/customer_query.h"
#include "modules/accounts/customers/customer_service.h"
#include "node/auth/request_guard.h"
#include "node/common/errors.h"
#include "node/entity/entity_json.h"
#include "node/http/conditional.h"
#include "node/http/json.h"
#include "node/http/json_writer.h"
#include "node/http/paging.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

CustomerInput ReadInput(const std::string& text) {
  const auto body = http::ParseJsonObject(text);
  // The allow-list is the entity's; the members' types are checked below, in this order.
  http::RequireOnlyFields(*body, CustomerEntity().shape().InputNames());
  CustomerInput input;
  input.customer_no = http::OptionalString(*body, "customerNo");
  input.name = http::OptionalString(*body, "name");
  input.credit_code = http::OptionalString(*body, "creditCode");
  input.industry = http::OptionalString(*body, "industry");
  input.level = http::OptionalString(*body, "level");
  input.org = http::OptionalString(*body, "org");
  input.state = http::OptionalString(*body, "state");
  input.relationship_grade = http::OptionalString(*body, "relationshipGrade");
  input.parent_id = http::OptionalString(*body, "parentId");
  input.address = http::OptionalString(*body, "address");
  input.remarks = http::OptionalString(*body, "remarks");
  input.tags = http::OptionalStringList(*body, "tags");
  input.managers = http::OptionalStringList(*body, "managers");
  return input;
}

http::HttpResponse One(int status, const CustomerRecord& customer) {
  http::HttpResponse response = http::HttpResponse::Json(status, CustomerJsonText(customer));
  http::SetETag(&response, customer.version);
  return response;
}

class CustomerHandlers {
 public:
  explicit CustomerHandlers(std::shared_ptr<CustomerService> service) : service_(std::move(service)) {}

  http::HttpResponse List(const http::HttpRequest& request) {
    const http::PageRequest page = http::ParsePage(request, CustomerPageSpec());
    const CustomerPage customers =
        service_->Page(Visibility(request), ReadCustomerFilter(request), CustomerWindow(page));
    http::JsonWriter items;
    items.BeginArray();
    for (const auto& customer : customers.items) {
      WriteCustomer(items, customer);
    }
    items.EndArray();
    return http::BoundedListResponse(items.Take(), customers.total.count, customers.total.exact,
                                     page, customers.next);
  }

  http::HttpResponse Create(const http::HttpRequest& request) {
    const CreatedCustomer created =
        service_->Create(Visibility(request), ReadInput(request.body), auth::RequestActor(request));
    Poco::JSON::Object body = CustomerJson(created.customer);
    Poco::JSON::Array similar;
    for (const auto& other : created.similar) {
      similar.add(entity::JsonObjectOf(CustomerEntity(), other, CustomerMatchMembers()));
    }
    body.set("possibleDuplicates", similar);
    http::HttpResponse response = http::HttpResponse::Json(201, http::ToJson(body));
    http::SetETag(&response, created.customer.version);
    response.headers.emplace_back("Location", "/api/v1/customers/" + created.customer.id);
    return response;
  }

  http::HttpResponse Get(const http::HttpRequest& request) {
    return One(200, service_->Get(Visibility(request), request.PathParam("id")));
  }

  http::HttpResponse Update(const http::HttpRequest& request) {
    const auto visibility = Visibility(request);
    service_->Get(visibility, request.PathParam("id"));  // 404 before judging the body
    const WrittenCustomer written =
        service_->Update(visibility, request.PathParam("id"), ReadInput(request.body),
                         http::IfMatchVersion(request), auth::RequestActor(request));
    http::HttpResponse response = One(200, written.customer);
    MarkOutOfScope(written, &response);
    return response;
  }

  http::HttpResponse Delete(const http::HttpRequest& request) {
    service_->Delete(Visibility(request), request.PathParam("id"), http::IfMatchVersion(request),
                     auth::RequestActor(request));
    return http::HttpResponse::Json(200, "{\"deleted\":true}");
  }

  http::HttpResponse ChangeState(const http::HttpRequest& request) {
    const auto visibility = Visibility(request);
    service_->Get(visibility, request.PathParam("id"));
    const auto body = http::ParseJsonObject(request.body);
    http::RequireOnlyFields(*body, {"state", "reason"});
    return One(200, service_->ChangeState(visibility, request.PathParam("id"),
                                          http::RequireString(*body, "state"),
                                          http::RequireString(*body, "reason"),
                                          http::IfMatchVersion(request), auth::RequestActor(request)));
  }

  http::HttpResponse StateChanges(const http::HttpRequest& request) {
    const Poco::JSON::Array items = entity::JsonArray(
        StateChangeEntity(), service_->StateChanges(Visibility(request), request.PathParam("id")));
    Poco::JSON::Object body;
    body.set("items", items);
    body.set("total", items.size());
    return http::HttpResponse::Json(200, http::ToJson(body));
  }

 private:
  static CustomerVisibility Visibility(const http::HttpRequest& request) {
    return CustomerVisibility::Of(*request.scope, *request.principal);
  }

  std::shared_ptr<CustomerService> service_;
};

http::HttpResponse Industries() {
  Poco::JSON::Array items;
  for (const auto& section : IndustrySections()) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("code", std::string(1, section.code));
    item.set("name", section.name);
    item.set("nameEn", section.name_en);
    items.add(item);
  }
  Poco::JSON::Object body;
  body.set("items", items);
  return http::HttpResponse::Json(200, http::ToJson(body));
}

}  // namespace

void MarkOutOfScope(const WrittenCustomer& written, http::HttpResponse* response) {
  if (!written.visible_to_writer) {
    response->headers.emplace_back("X-MAMS-Out-Of-Scope", "true");
  }
}

std::vector<http::Route> CustomerRoutes(std::shared_ptr<CustomerService> service) {
  auto h = std::make_shared<CustomerHandlers>(std::move(service));
  using R = const http::HttpRequest&;
  // Rendered once: reference data does not change while the node runs.
  const std::string industries = Industries().body;
  return {
      {"GET", "/api/v1/customers", kCustomersRead, [h](R r) { return h->List(r); },
       "Customers in scope; filters q, creditCode, customerNo, org, manager, industry, state, "
       "level, valueGrade, relationshipGrade, tag; sort name, customerNo, createdAt, updatedAt, "
       "revenue12m, valueGrade; total counted up to a bound (totalExact); after=next for the "
       "following page."},
      {"POST", "/api/v1/customers", kCustomersWrite, [h](R r) { return h->Create(r); },
       "Create (name, creditCode, industry, level, org required); 201 with possibleDuplicates."},
      {"GET", "/api/v1/customers/{id}", kCustomersRead, [h](R r) { return h->Get(r); },
       "One customer; ETag carries the version."},
      {"PATCH", "/api/v1/customers/{id}", kCustomersWrite, [h](R r) { return h->Update(r); },
       "Change fields; If-Match optional (409 when stale); X-MAMS-Out-Of-Scope: true when "
       "the change takes the customer out of the caller's sight."},
      {"DELETE", "/api/v1/customers/{id}", kCustomersWrite, [h](R r) { return h->Delete(r); },
       "Delete (kept as a tombstone for sync and history)."},
      {"POST", "/api/v1/customers/{id}/state", kCustomersWrite,
       [h](R r) { return h->ChangeState(r); },
       "Change state {state, reason}; illegal transitions are 422."},
      {"GET", "/api/v1/customers/{id}/state-changes", kCustomersRead,
       [h](R r) { return h->StateChanges(r); },
       "State history: from, to, reason, when and by whom, newest first."},
      {"GET", "/api/v1/industries", kCustomersRead,
       [industries](R) { return http::HttpResponse::Json(200, industries); },
       "GB/T 4754-2017 industry sections A-T."},
  };
}

}  // namespace mams::accounts
