// /api/v1/customers/{id}/contacts, /visits and /history: thin handlers over ContactService.
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <map>

#include "modules/accounts/accounts_routes.h"
#include "modules/accounts/contacts/contact_entities.h"
#include "modules/accounts/contacts/contact_json.h"
#include "modules/accounts/contacts/contact_service.h"
#include "modules/accounts/customers/customer_events.h"
#include "node/auth/principal.h"
#include "node/auth/request_guard.h"
#include "node/entity/entity_input.h"
#include "node/http/conditional.h"
#include "node/http/json.h"
#include "node/http/paging.h"
#include "node/privacy/masking.h"

namespace mams::accounts {
namespace {

template <typename Json>
http::HttpResponse One(int status, const Json& object, std::int64_t version) {
  http::HttpResponse response = http::HttpResponse::Json(status, http::ToJson(object));
  http::SetETag(&response, version);
  return response;
}

// A YYYY-MM-DD query parameter, or nothing; anything else is refused naming the parameter.
std::optional<std::string> DateParameter(const http::HttpRequest& request,
                                         const std::string& name) {
  auto value = request.Query(name);
  if (!value) {
    return value;
  }
  const std::string& v = *value;
  const bool shaped =
      v.size() == 10 && v[4] == '-' && v[7] == '-' &&
      std::all_of(v.begin(), v.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  if (!shaped) {
    throw ApiError(ErrorKind::kBadRequest, "invalid_parameter", name + " must be a date YYYY-MM-DD",
                   name);
  }
  return value;
}

// One page of `rows`, `total` in all, each shown by `to_json`.
template <typename Row, typename ToJson>
http::HttpResponse PageOf(const std::vector<Row>& rows, std::int64_t total,
                          const http::PageRequest& page, ToJson to_json) {
  Poco::JSON::Array items;
  for (const auto& row : rows) {
    items.add(to_json(row));
  }
  return http::ListResponse(http::ToJson(items), static_cast<std::size_t>(total), page);
}

class ContactHandlers {
 public:
  ContactHandlers(std::shared_ptr<ContactService> contacts,
                  std::shared_ptr<CustomerService> customers, const module::Extensions& extensions)
      : contacts_(std::move(contacts)), customers_(std::move(customers)), extensions_(extensions) {}

  http::HttpResponse ListContacts(const http::HttpRequest& request) {
    const auto visibility = Visibility(request);
    const auto contacts = contacts_->ListContacts(visibility, CustomerId(request));
    const bool show_pii = request.principal->Has(privacy::kPiiView);
    Poco::JSON::Array items;
    for (const auto& contact : contacts) {
      items.add(ContactJson(contact, show_pii));
    }
    if (show_pii && !contacts.empty()) {
      contacts_->RecordPiiRead(auth::RequestActor(request),
                               customers_->Get(visibility, CustomerId(request)), contacts.size());
    }
    Poco::JSON::Object body;
    body.set("items", items);
    body.set("total", contacts.size());
    return http::HttpResponse::Json(200, http::ToJson(body));
  }

  http::HttpResponse GetContact(const http::HttpRequest& request) {
    const ChildRef ref = Ref(request, "contactId");
    const auto contact = contacts_->contacts().Get(ref);
    const bool show_pii = request.principal->Has(privacy::kPiiView);
    if (show_pii) {
      contacts_->RecordPiiRead(auth::RequestActor(request),
                               customers_->Get(ref.visibility, ref.customer_id), 1);
    }
    return One(200, ContactJson(contact, show_pii), contact.version);
  }

  http::HttpResponse CreateContact(const http::HttpRequest& request) {
    const ChildRef ref = Ref(request, "");
    customers_->Get(ref.visibility, ref.customer_id);  // 404 before judging the body
    const auto contact =
        contacts_->contacts().Create(ref, entity::ReadPatch(ContactEntity().shape(), request.body),
                                     {}, auth::RequestActor(request));
    auto response =
        One(201, ContactJson(contact, request.principal->Has(privacy::kPiiView)), contact.version);
    response.headers.emplace_back(
        "Location", "/api/v1/customers/" + contact.customer_id + "/contacts/" + contact.id);
    return response;
  }

  http::HttpResponse UpdateContact(const http::HttpRequest& request) {
    const ChildRef ref = Ref(request, "contactId");
    contacts_->contacts().Get(ref);
    const auto contact = contacts_->contacts().Update(
        ref, entity::ReadPatch(ContactEntity().shape(), request.body), Write(request));
    return One(200, ContactJson(contact, request.principal->Has(privacy::kPiiView)),
               contact.version);
  }

  http::HttpResponse DeleteContact(const http::HttpRequest& request) {
    contacts_->contacts().Delete(Ref(request, "contactId"), Write(request));
    return http::HttpResponse::Json(200, "{\"deleted\":true}");
  }

  // The directory across customers shows personal data masked, whatever the caller's
  // permissions: unmasked reading stays per customer, where it is audited.
  http::HttpResponse SearchContacts(const http::HttpRequest& request) {
    static const http::PageSpec kSpec{20, 200, {"name"}, "name"};
    const http::PageRequest page = http::ParsePage(request, kSpec);
    std::int64_t total = 0;
    std::map<std::string, std::string> names;
    const auto contacts =
        contacts_->SearchContacts(Visibility(request), request.Query("q"), request.Query("role"),
                                  page.limit, page.offset, &total, &names);
    return PageOf(contacts, total, page, [&names](const ContactRecord& contact) {
      Poco::JSON::Object item = ContactJson(contact, /*show_pii=*/false);
      item.set("customerName", names[contact.customer_id]);
      return item;
    });
  }

  http::HttpResponse SearchVisits(const http::HttpRequest& request) {
    static const http::PageSpec kSpec{20, 200, {"date"}, "-date"};
    const http::PageRequest page = http::ParsePage(request, kSpec);
    std::int64_t total = 0;
    std::map<std::string, std::string> names;
    const auto visits = contacts_->SearchVisits(
        Visibility(request), DateParameter(request, "from"), DateParameter(request, "to"),
        request.Query("type"), page.descending, page.limit, page.offset, &total, &names);
    return PageOf(visits, total, page, [&names](const VisitRecord& visit) {
      Poco::JSON::Object item = VisitJson(visit);
      item.set("customerName", names[visit.customer_id]);
      return item;
    });
  }

  http::HttpResponse ListVisits(const http::HttpRequest& request) {
    static const http::PageSpec kSpec{20, 200, {"date"}, "-date"};
    const http::PageRequest page = http::ParsePage(request, kSpec);
    std::int64_t total = 0;
    const auto visits = contacts_->ListVisits(Visibility(request), CustomerId(request), page.limit,
                                              page.offset, &total);
    return PageOf(visits, total, page, VisitJson);
  }

  http::HttpResponse CreateVisit(const http::HttpRequest& request) {
    const ChildRef ref = Ref(request, "");
    customers_->Get(ref.visibility, ref.customer_id);
    const auto visit =
        contacts_->CreateVisit(ref, entity::ReadPatch(VisitEntity().shape(), request.body),
                               StaffName(request), auth::RequestActor(request));
    auto response = One(201, VisitJson(visit), visit.version);
    response.headers.emplace_back("Location",
                                  "/api/v1/customers/" + visit.customer_id + "/visits/" + visit.id);
    return response;
  }

  http::HttpResponse UpdateVisit(const http::HttpRequest& request) {
    const ChildRef ref = Ref(request, "visitId");
    customers_->Get(ref.visibility, ref.customer_id);
    const auto visit = contacts_->visits().Update(
        ref, entity::ReadPatch(VisitEntity().shape(), request.body), Write(request));
    return One(200, VisitJson(visit), visit.version);
  }

  http::HttpResponse DeleteVisit(const http::HttpRequest& request) {
    contacts_->visits().Delete(Ref(request, "visitId"), Write(request));
    return http::HttpResponse::Json(200, "{\"deleted\":true}");
  }

  http::HttpResponse History(const http::HttpRequest& request) {
    static const http::PageSpec kSpec{50, 500, {"at"}, "-at"};
    const http::PageRequest page = http::ParsePage(request, kSpec);
    std::int64_t total = 0;
    const auto events = customers_->History(Visibility(request), CustomerId(request), page.limit,
                                            page.offset, &total);
    return PageOf(events, total, page, TimelineJson(extensions_, request));
  }

 private:
  static CustomerVisibility Visibility(const http::HttpRequest& request) {
    return CustomerVisibility::Of(*request.scope, *request.principal);
  }
  static const std::string& CustomerId(const http::HttpRequest& request) {
    return request.PathParam("id");
  }
  // The customer's row named by path parameter `param` (none: a create).
  static ChildRef Ref(const http::HttpRequest& request, const char* param) {
    return {Visibility(request), CustomerId(request), *param ? request.PathParam(param) : ""};
  }
  static RowWrite Write(const http::HttpRequest& request) {
    return {http::IfMatchVersion(request), auth::RequestActor(request)};
  }
  static std::string StaffName(const http::HttpRequest& request) {
    const auto& principal = *request.principal;
    return principal.display_name.empty() ? principal.username : principal.display_name;
  }

  std::shared_ptr<ContactService> contacts_;
  std::shared_ptr<CustomerService> customers_;
  const module::Extensions& extensions_;
};

}  // namespace

std::vector<http::Route> ContactRoutes(std::shared_ptr<ContactService> contacts,
                                       std::shared_ptr<CustomerService> customers,
                                       const module::Extensions& extensions) {
  auto h = std::make_shared<ContactHandlers>(std::move(contacts), std::move(customers), extensions);
  using R = const http::HttpRequest&;
  const std::string contact = "/api/v1/customers/{id}/contacts/{contactId}";
  const std::string visit = "/api/v1/customers/{id}/visits/{visitId}";
  return {
      {"GET", "/api/v1/contacts", kCustomersRead, [h](R r) { return h->SearchContacts(r); },
       "Contacts of every customer in view, by name (q: substring, role); personal data "
       "masked: unmasked reading is per customer."},
      {"GET", "/api/v1/visits", kCustomersRead, [h](R r) { return h->SearchVisits(r); },
       "Visits to every customer in view, newest first; from, to (YYYY-MM-DD), type."},
      {"GET", "/api/v1/customers/{id}/contacts", kCustomersRead,
       [h](R r) { return h->ListContacts(r); },
       "Contacts of a customer; personal data masked without pii:view (reads with it are "
       "audited)."},
      {"POST", "/api/v1/customers/{id}/contacts", kCustomersWrite,
       [h](R r) { return h->CreateContact(r); }, "Add a contact (name, role required)."},
      {"GET", contact, kCustomersRead, [h](R r) { return h->GetContact(r); }, "One contact."},
      {"PATCH", contact, kCustomersWrite, [h](R r) { return h->UpdateContact(r); },
       "Change a contact; If-Match optional."},
      {"DELETE", contact, kCustomersWrite, [h](R r) { return h->DeleteContact(r); },
       "Remove a contact."},
      {"GET", "/api/v1/customers/{id}/visits", kCustomersRead,
       [h](R r) { return h->ListVisits(r); }, "Visits and calls log, newest first."},
      {"POST", "/api/v1/customers/{id}/visits", kCustomersWrite,
       [h](R r) { return h->CreateVisit(r); },
       "Log a visit, call or meeting (date, type, content required); the caller is the staff."},
      {"PATCH", visit, kCustomersWrite, [h](R r) { return h->UpdateVisit(r); },
       "Change a visit entry."},
      {"DELETE", visit, kCustomersWrite, [h](R r) { return h->DeleteVisit(r); },
       "Remove a visit entry."},
      {"GET", "/api/v1/customers/{id}/history", kCustomersRead, [h](R r) { return h->History(r); },
       "Timeline of every change to the customer and its contacts and visits, newest first "
       "(includes customers merged into it)."},
  };
}

}  // namespace mams::accounts
