#include "modules/messages/inbox/message_service.h"

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
constexpr char kById[] = "id = ?";
constexpr char kInbox[] = "FROM messages WHERE deleted = 0 AND recipient_id = ?";
constexpr char kSent[] = "FROM messages WHERE deleted = 0 AND sender_id = ?";
constexpr char kUnread[] = " AND read_at IS NULL";
constexpr char kUnreadIds[] =
    "SELECT id FROM messages WHERE deleted = 0 AND recipient_id = ? AND read_at IS NULL";

ApiError NotFound() { return ApiError(ErrorKind::kNotFound, "not_found", "no such message"); }

const entity::SyncedStatement& InsertMessage() {
  static const entity::SyncedStatement insert =
      MessageTable().InsertAll(MessageEntity().shape(), {"owner_node"});
  return insert;
}

const entity::SyncedStatement& SetRead() {
  static const entity::SyncedStatement update =
      MessageTable().Update({"read_at", "updated_at"}, kById);
  return update;
}

std::vector<MessageRecord> ReadByIds(storage::Session& session, const std::vector<std::string>& ids) {
  std::vector<MessageRecord> messages;
  for (const auto& id : ids) {
    if (auto message = entity::ReadFirst(session, MessageEntity(),
                                         MessageEntity().SelectSql() + " WHERE id = ?", {id})) {
      messages.push_back(std::move(*message));
    }
  }
  return messages;
}

}  // namespace

MessageService::MessageService(Sources sources) : sources_(std::move(sources)) {}

std::string MessageService::Now() const { return FormatIsoUtc(sources_.clock.NowMs()); }

MessageRecord MessageService::Write(storage::Session& session, MessageRecord message) {
  const auto travel = TravelOrg(*sources_.orgs.Current(), sources_.node_org, message.recipient_org);
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
  MessageRecord message;
  message.kind = notification.kind;
  message.recipient_id = notification.recipient_id;
  message.recipient_org = notification.recipient_org;
  message.subject = notification.subject;
  message.body = notification.body;
  message.link = notification.link;
  if (const auto user = identity::FindDirectoryUser(session, notification.recipient_id)) {
    message.recipient_name = user->display_name;
  }
  return Write(session, std::move(message)).id;
}

MessageRecord MessageService::Send(const auth::Principal& sender, const audit::Actor& actor,
                                   const entity::Patch& input) {
  auto session = sources_.storage.Open();
  storage::Transaction transaction(*session);
  const auto subject = input.Text("subject");
  const auto body = input.Text("body");
  const auto link = input.Text("link");
  RequireNoControlCharacters({{&subject, "subject", TextLines::kSingle},
                              {&body, "body", TextLines::kMulti},
                              {&link, "link", TextLines::kSingle}});
  for (const char* field : {"subject", "body", "link"}) {
    entity::CheckLength(input, field);
  }
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
  message = Write(*session, std::move(message));
  // Who wrote to whom, never what: the text may hold anything.
  auto entry = audit::EntryFor("message.send", "message", message.id, message.org_code);
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

std::int64_t MessageService::UnreadCount(const auth::Principal& caller) {
  auto session = sources_.storage.Open();
  return session->Query(std::string("SELECT COUNT(*) ") + kInbox + kUnread, {caller.user_id})
      .ScalarInt();
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
  SetRead().Run(*session, {*message->read_at, message->updated_at, id});
  message->version = session->WriteVersion();
  sources_.audit.Append(*session, actor,
                        audit::EntryFor("message.read", "message", id, message->org_code));
  transaction.Commit();
  return *message;
}

std::int64_t MessageService::MarkAllRead(const auth::Principal& caller, const audit::Actor& actor) {
  auto session = sources_.storage.Open();
  storage::Transaction transaction(*session);
  std::vector<std::string> ids;
  session->QueryRows(kUnreadIds, {caller.user_id},
                     [&ids](const storage::RowView& row) { ids.emplace_back(row.Text(0)); });
  const std::string now = Now();
  for (const auto& id : ids) {
    SetRead().Run(*session, {now, now, id});
  }
  if (!ids.empty()) {
    auto entry = audit::EntryFor("message.read_all", "message", "", caller.org_code);
    entry.detail = std::to_string(ids.size()) + " messages";
    sources_.audit.Append(*session, actor, entry);
  }
  transaction.Commit();
  return static_cast<std::int64_t>(ids.size());
}

}  // namespace mams::messages
