// /api/v1/messages: thin handlers over MessageService.
#include "modules/messages/inbox/message_routes.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "modules/identity/api/user_directory.h"
#include "modules/messages/inbox/message_entity.h"
#include "modules/messages/inbox/message_service.h"
#include "node/auth/request_guard.h"
#include "node/common/errors.h"
#include "node/entity/entity_input.h"
#include "node/entity/entity_json.h"
#include "node/http/json.h"
#include "node/http/paging.h"

namespace mams::messages {
namespace {

using R = const http::HttpRequest&;
constexpr int kRecipientsShown = 20;
constexpr std::size_t kMaxRecipientQuery = 50;

const http::PageSpec& MessagePageSpec() {
  static const http::PageSpec spec{20, 100, {"createdAt"}, "-createdAt", 100000, true};
  return spec;
}

http::HttpResponse One(int status, const MessageRecord& message) {
  return http::HttpResponse::Json(status, http::ToJson(entity::JsonObject(MessageEntity(), message)));
}

// `name`: absent, "true" or "false"; anything else is refused naming it.
bool FlagParameter(R request, const std::string& name) {
  const auto value = request.Query(name);
  if (!value || *value == "false") {
    return false;
  }
  if (*value != "true") {
    throw ApiError(ErrorKind::kBadRequest, "invalid_parameter", name + ": true or false", name);
  }
  return true;
}

MessageFilter ReadFilter(R request) {
  MessageFilter filter;
  const std::string box = request.Query("box").value_or("inbox");
  if (box != "inbox" && box != "sent") {
    throw ApiError(ErrorKind::kBadRequest, "invalid_parameter", "box: inbox or sent", "box");
  }
  filter.sent = box == "sent";
  filter.unread_only = FlagParameter(request, "unread");
  return filter;
}

http::HttpResponse List(MessageService& service, std::int64_t count_bound, R request) {
  const http::PageRequest page = http::ParsePage(request, MessagePageSpec());
  const MessagePage messages = service.List(*request.principal, ReadFilter(request),
                                            entity::WindowOf(page, "created_at"), count_bound);
  return http::BoundedListResponse(
      http::ToJson(entity::JsonArray(MessageEntity(), messages.items)), messages.total.count,
      messages.total.exact, page, messages.next);
}

http::HttpResponse UnreadCount(MessageService& service, R request) {
  const entity::ListTotal unread = service.UnreadCount(*request.principal);
  Poco::JSON::Object body;
  body.set("count", unread.count);
  body.set("exact", unread.exact);
  return http::HttpResponse::Json(200, http::ToJson(body));
}

http::HttpResponse Send(MessageService& service, R request) {
  const entity::Patch input = entity::ReadPatch(MessageEntity().shape(), request.body);
  entity::RequireComplete(input);
  return One(201, service.Send(*request.principal, auth::RequestActor(request), input));
}

http::HttpResponse MarkAllRead(MessageService& service, R request) {
  Poco::JSON::Object body;
  body.set("marked", service.MarkAllRead(*request.principal, auth::RequestActor(request)));
  return http::HttpResponse::Json(200, http::ToJson(body));
}

http::HttpResponse Recipients(storage::Storage& storage, R request) {
  const std::string text = request.Query("q").value_or("");
  if (text.empty() || text.size() > kMaxRecipientQuery) {
    throw ApiError(ErrorKind::kBadRequest, "invalid_parameter", "q: part of a name, 1-50 bytes",
                   "q");
  }
  auto session = storage.Open();
  Poco::JSON::Array items;
  for (const auto& user : identity::SearchDirectoryUsers(*session, text, kRecipientsShown)) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("id", user.id);
    item.set("displayName", user.display_name);
    item.set("org", user.org_code);
    items.add(item);
  }
  Poco::JSON::Object body;
  body.set("items", items);
  return http::HttpResponse::Json(200, http::ToJson(body));
}

}  // namespace

std::vector<http::Route> MessageRoutes(std::shared_ptr<MessageService> service,
                                       storage::Storage& storage, std::int64_t count_bound) {
  auto& s = *service;
  return {
      {"GET", "/api/v1/messages", kMessagesRead,
       [service, &s, count_bound](R r) { return List(s, count_bound, r); },
       "The caller's messages: box=inbox (default) or sent, unread=true; newest first, "
       "after=next"},
      {"GET", "/api/v1/messages/unread-count", kMessagesRead,
       [service, &s](R r) { return UnreadCount(s, r); }, "How many of the caller's messages are unread: {count, exact} (exact false: at least 1,000)"},
      {"GET", "/api/v1/messages/recipients", kMessagesSend,
       [&storage](R r) { return Recipients(storage, r); },
       "Users of this node a message can be sent to (q: part of the display name, required), "
       "at most 20"},
      {"GET", "/api/v1/messages/{id}", kMessagesRead,
       [service, &s](R r) { return One(200, s.Get(*r.principal, r.PathParam("id"))); },
       "One message the caller sent or received"},
      {"POST", "/api/v1/messages", kMessagesSend, [service, &s](R r) { return Send(s, r); },
       "Sends a message to a user of this node (recipientId, subject, body, link)"},
      {"POST", "/api/v1/messages/{id}/read", kMessagesRead,
       [service, &s](R r) {
         return One(200, s.MarkRead(*r.principal, auth::RequestActor(r), r.PathParam("id")));
       },
       "Marks one of the caller's received messages read"},
      {"POST", "/api/v1/messages/read-all", kMessagesRead,
       [service, &s](R r) { return MarkAllRead(s, r); }, "Marks all the caller's messages read"},
  };
}

}  // namespace mams::messages
