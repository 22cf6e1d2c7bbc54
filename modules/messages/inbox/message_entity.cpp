#include "modules/messages/inbox/message_entity.h"

namespace mams::messages {
namespace {

using entity::FieldType;
using MessageField = entity::Field<MessageRecord>;

constexpr std::size_t kSubjectLength = 200;
constexpr std::size_t kBodyLength = 4000;
constexpr std::size_t kLinkLength = 300;

}  // namespace

// One field per line: the table reads as a table.
// clang-format off
const entity::Entity<MessageRecord>& MessageEntity() {
  using M = MessageRecord;
  static const entity::Entity<MessageRecord> messages("messages", entity::Sync::kSynced, {
      MessageField::Of("id", "id", &M::id),
      MessageField::Of("org_code", "", &M::org_code),
      MessageField::Of("kind", "kind", &M::kind),
      MessageField::Of("sender_id", "senderId", &M::sender_id),
      MessageField::Of("sender_name", "senderName", &M::sender_name),
      MessageField::Of("recipient_id", "recipientId", &M::recipient_id).Input().Required(),
      MessageField::Of("recipient_name", "recipientName", &M::recipient_name),
      MessageField::Of("recipient_org", "recipientOrg", &M::recipient_org),
      MessageField::Of("subject", "subject", &M::subject).Input().Required()
          .MaxLength(kSubjectLength),
      MessageField::Of("body", "body", &M::body).Input().MaxLength(kBodyLength),
      // Set by modules only (Notifier): a person's message carries no link to click.
      MessageField::Of("link", "link", &M::link).MaxLength(kLinkLength),
      MessageField::Of("read_at", "readAt", &M::read_at).Type(FieldType::kTimestamp).Nullable(),
      MessageField::Of("created_at", "createdAt", &M::created_at).Type(FieldType::kTimestamp),
      MessageField::Of("updated_at", "updatedAt", &M::updated_at).Type(FieldType::kTimestamp),
      MessageField::Of("version", "version", &M::version)});
  return messages;
}
// clang-format on

const entity::SyncedTable& MessageTable() {
  static const entity::SyncedTable table(MessageEntity().table());
  return table;
}

}  // namespace mams::messages
