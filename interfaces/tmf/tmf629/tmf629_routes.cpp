// /tmf-api/customerManagement/v4/customer: TMF629 Customer Management over the accounts
// module's CustomerDirectory.
// Thin handlers: the mapping is in tmf629_mapping.h; errors render as TMF `Error` bodies
// because of the path (http::ErrorBodyFor).
#include "interfaces/tmf/tmf629/tmf629_routes.h"

#include <Poco/JSON/Array.h>

#include "interfaces/tmf/tmf629/tmf629_mapping.h"
#include "modules/accounts/api/customer_directory.h"
#include "node/auth/request_guard.h"
#include "node/common/errors.h"
#include "node/http/conditional.h"
#include "node/http/json.h"
#include "node/http/paging.h"

namespace mams::tmf629 {
namespace {

using accounts::CreatedCustomer;
using accounts::CustomerVisibility;
using accounts::WrittenCustomer;

constexpr char kRead[] = "customers:read";
constexpr char kWrite[] = "customers:write";

http::HttpResponse One(int status, const CustomerRecord& customer,
                       const TmfFieldSelection& fields = std::nullopt) {
  http::HttpResponse response =
      http::HttpResponse::Json(status, http::ToJson(TmfCustomer(customer, fields)));
  http::SetETag(&response, customer.version);
  return response;
}

class TmfCustomerHandlers {
 public:
  explicit TmfCustomerHandlers(std::shared_ptr<accounts::CustomerDirectory> service)
      : service_(std::move(service)) {}

  http::HttpResponse List(const http::HttpRequest& request) {
    // 200 with the whole page, never 206: TMF630 leaves the choice to the server.
    static const http::PageSpec kSpec{50, 500, {"name"}, ""};
    const http::PageRequest page = http::ParsePage(request, kSpec);
    const CustomerFilter filter = TmfListFilter(request.query);
    const TmfFieldSelection fields = ParseTmfFields(request.Query("fields"));
    entity::ListWindow window;
    window.column = page.sort_field.empty() ? "updated_at" : "name";
    window.descending = page.sort_field.empty() || page.descending;
    window.limit = page.limit;
    window.offset = page.offset;
    const accounts::CustomerPage customers = service_->Page(Visibility(request), filter, window);
    Poco::JSON::Array items;
    for (const auto& customer : customers.items) {
      items.add(TmfCustomer(customer, fields));
    }
    http::HttpResponse response = http::HttpResponse::Json(200, http::ToJson(items));
    // A bound is never sent as X-Total-Count: a client would take it for the total and stop
    // paging there (docs/api.md, TMF629).
    response.headers.emplace_back(
        customers.total.exact ? "X-Total-Count" : "X-Total-Count-At-Least",
        std::to_string(customers.total.count));
    response.headers.emplace_back("X-Result-Count", std::to_string(customers.items.size()));
    return response;
  }

  http::HttpResponse Get(const http::HttpRequest& request) {
    const TmfFieldSelection fields = ParseTmfFields(request.Query("fields"));
    return One(200, service_->Get(Visibility(request), request.PathParam("id")), fields);
  }

  http::HttpResponse Create(const http::HttpRequest& request) {
    const CustomerInput input = TmfCreateInput(*http::ParseJsonObject(request.body));
    const CreatedCustomer created =
        service_->Create(Visibility(request), input, auth::RequestActor(request));
    http::HttpResponse response = One(201, created.customer);
    response.headers.emplace_back("Location",
                                  std::string(kTmfCustomerPath) + "/" + created.customer.id);
    return response;
  }

  http::HttpResponse Patch(const http::HttpRequest& request) {
    const auto visibility = Visibility(request);
    const std::string& id = request.PathParam("id");
    const CustomerRecord current = service_->Get(visibility, id);  // 404 before the body
    if (!IsMergePatchContentType(request.Header("content-type"))) {
      throw ApiError(ErrorKind::kUnsupportedMediaType, "unsupported_media_type",
                     "PATCH takes application/merge-patch+json or application/json");
    }
    const TmfPatch patch = TmfPatchInput(*http::ParseJsonObject(request.body), current);
    const auto if_match = http::IfMatchVersion(request);
    const auto actor = auth::RequestActor(request);
    if (patch.state_change) {
      return One(200, service_->ChangeState(visibility, id, patch.state_change->to,
                                            patch.state_change->reason, if_match, actor));
    }
    const WrittenCustomer written =
        service_->Update(visibility, id, patch.changes, if_match, actor);
    http::HttpResponse response = One(200, written.customer);
    accounts::MarkOutOfScope(written, &response);
    return response;
  }

  http::HttpResponse Delete(const http::HttpRequest& request) {
    service_->Delete(Visibility(request), request.PathParam("id"), http::IfMatchVersion(request),
                     auth::RequestActor(request));
    http::HttpResponse response;
    response.status = 204;
    return response;
  }

 private:
  static CustomerVisibility Visibility(const http::HttpRequest& request) {
    return CustomerVisibility::Of(*request.scope, *request.principal);
  }

  std::shared_ptr<accounts::CustomerDirectory> service_;
};

// The accounts module names its own fields in errors; TMF clients see the TMF attribute.
http::Handler InTmfTerms(http::Handler handler) {
  return [handler = std::move(handler)](const http::HttpRequest& request) {
    try {
      return handler(request);
    } catch (const ApiError& error) {
      throw WithTmfAttribute(error);
    }
  };
}

}  // namespace

std::vector<http::Route> Tmf629Routes(std::shared_ptr<accounts::CustomerDirectory> service) {
  auto h = std::make_shared<TmfCustomerHandlers>(std::move(service));
  using R = const http::HttpRequest&;
  const std::string collection = kTmfCustomerPath;
  const std::string one = collection + "/{id}";
  return {
      {"GET", collection, kRead, InTmfTerms([h](R r) { return h->List(r); }),
       "TMF629 customers in scope; fields, offset, limit, sort=name; filters name, status, "
       "engagedParty.id, relatedParty.id; X-Total-Count (X-Total-Count-At-Least when the "
       "count stops at its bound), X-Result-Count."},
      {"POST", collection, kWrite, InTmfTerms([h](R r) { return h->Create(r); }),
       "TMF629 create (Customer_Create: name, engagedParty required); 201 with Location."},
      {"GET", one, kRead, InTmfTerms([h](R r) { return h->Get(r); }),
       "TMF629 one customer; fields; ETag carries the version."},
      {"PATCH", one, kWrite, InTmfTerms([h](R r) { return h->Patch(r); }),
       "TMF629 merge-patch; a status change (with statusReason) goes alone; If-Match optional."},
      {"DELETE", one, kWrite, InTmfTerms([h](R r) { return h->Delete(r); }),
       "TMF629 delete (tombstone); 204."},
  };
}

}  // namespace mams::tmf629
