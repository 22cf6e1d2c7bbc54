#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/messages/api/notifier.h"
#include "modules/messages/inbox/message_record.h"
#include "node/entity/list_window.h"

namespace mams {
class Clock;
namespace audit {
class AuditLog;
struct Actor;
}
namespace auth {
struct Principal;
}
namespace entity {
class Patch;
}
namespace scope {
class OrgDirectory;
}
namespace storage {
class Storage;
}
}  // namespace mams

namespace mams::messages {

/// Which messages of the caller a list shows.
struct MessageFilter {
  bool sent = false;         ///< the caller's sent messages instead of their inbox
  bool unread_only = false;  ///< inbox only
};

struct MessagePage {
  std::vector<MessageRecord> items;
  entity::ListTotal total;
  std::optional<std::string> next;
};

/// The notification centre's rules: a message is seen by its recipient and its sender only,
/// whatever their roles (docs/messages.md); every write is audited.
class MessageService final : public Notifier {
 public:
  struct Sources {
    storage::Storage& storage;
    scope::OrgDirectory& orgs;
    const Clock& clock;
    const audit::AuditLog& audit;
    std::string node_id;
    std::string node_org;
  };
  explicit MessageService(Sources sources);

  std::string Notify(storage::Session& session, const Notification& notification) override;

  /// 422 naming the field: control characters, lengths, a blank subject, a link that is no
  /// console path. Every message passes here, from people and from modules.
  static void CheckTexts(const MessageRecord& message);

  /// A person's message to a user of this node (`recipientId`, `subject`, `body`, `link`).
  MessageRecord Send(const auth::Principal& sender, const audit::Actor& actor,
                     const entity::Patch& input);
  MessagePage List(const auth::Principal& caller, const MessageFilter& filter,
                   const entity::ListWindow& window, std::int64_t count_bound);
  /// How many of the caller's messages are unread, counted up to 1,000.
  entity::ListTotal UnreadCount(const auth::Principal& caller);
  /// 404 unless the caller sent or received it.
  MessageRecord Get(const auth::Principal& caller, const std::string& id);
  /// Marks one of the caller's received messages read (again: nothing changes).
  MessageRecord MarkRead(const auth::Principal& caller, const audit::Actor& actor,
                         const std::string& id);
  /// Marks every unread message of the caller read; how many.
  std::int64_t MarkAllRead(const auth::Principal& caller, const audit::Actor& actor);

 private:
  /// Checks the texts, sets where the row travels (this node's org when the recipient is a user
  /// of this node) and inserts it.
  MessageRecord Write(storage::Session& session, MessageRecord message, bool recipient_here);

  std::string Now() const;

  Sources sources_;
};

}  // namespace mams::messages
