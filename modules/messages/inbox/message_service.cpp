#include "modules/messages/inbox/message_service.h"

#include <map>
#include <stdexcept>
#include <utility>

#include "modules/identity/api/user_directory.h"
#include "modules/messages/inbox/message_entity.h"
#include "modules/messages/inbox/message_routing.h"
#include "node/audit/audit_log.h"
#include "node/auth/principal.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/common/free_text.h"
#include "node/common/ids.h"
#include "node/entity/entity_input.h"
#include "node/entity/entity_query.h"
#include "node/entity/patch.h"
#include "node/scope/org_tree.h"
#include "node/storage/storage.h"

namespace mams::messages {
namespace {

constexpr char kPersonKind[] = "person";
constexpr std::int64_t kUnreadCountBound = 1000;
constexpr char kInbox[] = "FROM messages WHERE deleted = 0 AND recipient_id = ?";
constexpr char kSent[] = "FROM messages WHERE deleted = 0 AND sender_id = ?";
constexpr char kUnread[] = " AND read_at IS NULL";

constexpr std::size_t kMaxKind = 40;

// A module's kind: lower-case words joined by '.' or '_' ("approval.pending").
bool IsModuleKind(const std::string& kind) {
  return !kind.empty() && kind.size() <= kMaxKind && kind != kPersonKind &&
         kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz._") == std::string::npos;
}

// A console path of this site: "/x…", never "//host" or "/\host", which browsers open
// as another site.
bool IsConsolePath(const std::string& link) {
  return link.empty() || (link[0] == '/' && (link.size() == 1 || (link[1] != '/' && link[1] != '\\')));
}

ApiError NotFound() { return ApiError(ErrorKind::kNotFound, "not_found", "no such message"); }

const entity::SyncedStatement& InsertMessage() {
  static const entity::SyncedStatement insert =
      MessageTable().InsertAll(MessageEntity().shape(), {"owner_node"});
  return insert;
}

const entity::SyncedStatement& SetRead() {
  static const entity::SyncedStatement update =
      MessageTable().Update({"read_at", "updated_at"}, "id = ? AND read_at IS NULL");
  return update;
}

// The page's rows in the page's order, in one statement.
std::vector<MessageRecord> ReadByIds(storage::Session& session, const std::vector<std::string>& ids) {
  if (ids.empty()) {
    return {};
  }
  std::string sql = MessageEntity().SelectSql() + " WHERE id IN (";
  storage::SqlParams params;
  for (const auto& id : ids) {
    sql += params.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  std::map<std::string, MessageRecord> found;
  for (auto& message : entity::ReadAll(session, MessageEntity(), sql + ")", params)) {
    found.emplace(message.id, std::move(message));
  }
  std::vector<MessageRecord> messages;
  for (const auto& id : ids) {
    if (auto at = found.find(id); at != found.end()) {
      messages.push_back(std::move(at->second));
    }
  }
  return messages;
}

}  // namespace

MessageService::MessageService(Sources sources) : sources_(std::move(sources)) {}

void MessageService::CheckTexts(const MessageRecord& message) {
  const std::optional<std::string> subject = message.subject;
  const std::optional<std::string> body = message.body;
  const std::optional<std::string> link = message.link;
  RequireNoControlCharacters({{&subject, "subject", TextLines::kSingle},
                              {&body, "body", TextLines::kMulti},
                              {&link, "link", TextLines::kSingle}});
  for (const auto& [field, value] : {std::pair{"subject", &subject}, std::pair{"body", &body},
                                     std::pair{"link", &link}}) {
    entity::CheckLength(MessageEntity().shape(), field, *value);
  }
  if (message.subject.find_first_not_of(" \t") == std::string::npos) {
    throw ApiError(ErrorKind::kUnprocessable, "invalid_subject", "subject: 1-200 characters",
                   "subject")
        .With("min", "1")
        .With("max", "200");
  }
  if (!IsConsolePath(message.link)) {
    throw ApiError(ErrorKind::kUnprocessable, "invalid_link", "link: a path of the console", "link");
  }
}

std::string MessageService::Now() const { return FormatIsoUtc(sources_.clock.NowMs()); }

MessageRecord MessageService::Write(storage::Session& session, MessageRecord message,
                                    bool recipient_here) {
  CheckTexts(message);
  // A user of this node reads it here: the row need not travel down to the node of their org.
  const auto travel = recipient_here ? std::optional<std::string>(sources_.node_org)
                                     : TravelOrg(*sources_.orgs.Current(), sources_.node_org,
                                                 message.recipient_org);
  if (!travel) {
    throw ApiError(ErrorKind::kUnprocessable, "recipient_unreachable",
                   "the recipient's org is neither below nor above this node", "recipientId");
  }
  message.id = NewRowId();
  message.org_code = *travel;
  message.created_at = Now();
  message.updated_at = message.created_at;
  storage::SqlParams values = MessageEntity().WrittenValues(message);
  values.emplace_back(sources_.node_id);
  InsertMessage().Run(session, std::move(values));
  message.version = session.WriteVersion();
  return message;
}

std::string MessageService::Notify(storage::Session& session, const Notification& notification) {
  if (!IsModuleKind(notification.kind)) {
    throw std::invalid_argument("a notification's kind is a module's: " + notification.kind);
  }
  MessageRecord message;
  message.kind = notification.kind;
  message.recipient_id = notification.recipient_id;
  message.recipient_org = notification.recipient_org;
  message.subject = notification.subject;
  message.body = notification.body;
  message.link = notification.link;
  const auto user = identity::FindDirectoryUser(session, notification.recipient_id);
  if (user) {
    message.recipient_name = user->display_name;
  }
  return Write(session, std::move(message), user.has_value()).id;
}

MessageRecord MessageService::Send(const auth::Principal& sender, const audit::Actor& actor,
                                   const entity::Patch& input) {
  auto session = sources_.storage.Open();
  storage::Transaction transaction(*session);
  MessageRecord message;
  MessageEntity().Apply(input, &message);
  const auto recipient = identity::FindDirectoryUser(*session, message.recipient_id);
  if (!recipient || recipient->disabled) {
    throw ApiError(ErrorKind::kUnprocessable, "unknown_recipient",
                   "recipientId: no enabled user of this node has that id", "recipientId");
  }
  message.kind = kPersonKind;
  message.sender_id = sender.user_id;
  message.sender_name = sender.display_name.empty() ? sender.username : sender.display_name;
  message.recipient_name = recipient->display_name;
  message.recipient_org = recipient->org_code;
  message = Write(*session, std::move(message), /*recipient_here=*/true);
  // Who wrote to whom, never what: the text may hold anything. Filed under the sender's org,
  // so that only auditors who see the sender see that they wrote.
  auto entry = audit::EntryFor("message.send", "message", message.id, sender.org_code);
  entry.detail = "to user " + message.recipient_id;
  sources_.audit.Append(*session, actor, entry);
  transaction.Commit();
  return message;
}

MessagePage MessageService::List(const auth::Principal& caller, const MessageFilter& filter,
                                 const entity::ListWindow& window, std::int64_t count_bound) {
  auto session = sources_.storage.Open();
  std::string from_where = filter.sent ? kSent : kInbox;
  if (filter.unread_only && !filter.sent) {
    from_where += kUnread;
  }
  entity::IdPage ids =
      entity::PageIds(*session, from_where, {caller.user_id}, window, count_bound);
  return {ReadByIds(*session, ids.ids), ids.total, std::move(ids.next)};
}

entity::ListTotal MessageService::UnreadCount(const auth::Principal& caller) {
  // Bounded: a badge shows "99+" long before, and a user with years of unread notifications
  // must not make every poll count them all.
  auto session = sources_.storage.Open();
  return entity::CountUpTo(*session, std::string(kInbox) + kUnread, {caller.user_id},
                           kUnreadCountBound);
}

MessageRecord MessageService::Get(const auth::Principal& caller, const std::string& id) {
  auto session = sources_.storage.Open();
  auto message = entity::ReadFirst(*session, MessageEntity(),
                                   MessageEntity().SelectSql() + " WHERE id = ? AND deleted = 0",
                                   {id});
  if (!message || (message->recipient_id != caller.user_id && message->sender_id != caller.user_id)) {
    throw NotFound();
  }
  return *message;
}

MessageRecord MessageService::MarkRead(const auth::Principal& caller, const audit::Actor& actor,
                                       const std::string& id) {
  auto session = sources_.storage.Open();
  storage::Transaction transaction(*session);
  auto message = entity::ReadFirst(*session, MessageEntity(),
                                   MessageEntity().SelectSql() + " WHERE id = ? AND deleted = 0",
                                   {id});
  if (!message || message->recipient_id != caller.user_id) {
    throw NotFound();  // a sender sees their message but cannot read it for the recipient
  }
  if (message->read_at) {
    return *message;
  }
  message->read_at = Now();
  message->updated_at = *message->read_at;
  // Only if still unread: two marks at once write the row once.
  if (SetRead().Run(*session, {*message->read_at, message->updated_at, id}) == 0) {
    return Get(caller, id);
  }
  message->version = session->WriteVersion();
  sources_.audit.Append(*session, actor,
                        audit::EntryFor("message.read", "message", id, caller.org_code));
  transaction.Commit();
  return *message;
}

std::int64_t MessageService::MarkAllRead(const auth::Principal& caller, const audit::Actor& actor) {
  static const entity::SyncedStatement mark_all = MessageTable().Update(
      {"read_at", "updated_at"}, "recipient_id = ? AND deleted = 0 AND read_at IS NULL");
  auto session = sources_.storage.Open();
  storage::Transaction transaction(*session);
  const std::string now = Now();
  const std::int64_t marked = mark_all.Run(*session, {now, now, caller.user_id});
  if (marked > 0) {
    auto entry = audit::EntryFor("message.read_all", "message", "", caller.org_code);
    entry.detail = std::to_string(marked) + " messages";
    sources_.audit.Append(*session, actor, entry);
  }
  transaction.Commit();
  return marked;
}

}  // namespace mams::messages
