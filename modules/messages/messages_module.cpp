#include "modules/messages/messages_module.h"

#include "modules/messages/inbox/message_entity.h"
#include "modules/messages/inbox/message_routes.h"
#include "modules/messages/inbox/message_service.h"
#include "modules/messages/messages_errors.h"
#include "node/auth/roles.h"
#include "node/config/node_config.h"
#include "node/storage/storage.h"

namespace mams::messages {
namespace {

// Everyone who logs in has an inbox.
const std::vector<std::string>& EveryRole() {
  static const std::vector<std::string> roles = {
      auth::kSystemAdmin,    auth::kGroupAdmin,      auth::kGroupAnalyst, auth::kProvinceManager,
      auth::kAccountManager, auth::kLocalStaff,   auth::kSecurityAuditor};
  return roles;
}

void CreateMessages(storage::Session& session) {
  for (const auto& sql : MessageEntity().shape().CreateTableSql(session.dialect())) {
    session.ExecuteRaw(sql);
  }
  // Each list is one range: a user's inbox and sent messages, newest first.
  session.ExecuteRaw(
      "CREATE INDEX idx_messages_inbox ON messages (recipient_id, deleted, created_at, id)");
  session.ExecuteRaw(
      "CREATE INDEX idx_messages_sent ON messages (sender_id, deleted, created_at, id)");
  // The bell's count and the unread list: a range of index entries, not the whole inbox.
  session.ExecuteRaw(
      "CREATE INDEX idx_messages_unread ON messages (recipient_id, deleted, read_at, created_at, id)");
}

}  // namespace

module::Module MakeModule() {
  module::Module module;
  module.name = "messages";
  module.description = "Notification centre: messages to one user from people and modules";
  module.depends_on = {"orgs", "identity"};
  module.migrations = {{1, "messages: one row per message, synced up and to the recipient",
                        CreateMessages}};
  module.permissions = {
      {kMessagesRead, "Read one's own messages and mark them read", EveryRole()},
      {kMessagesSend, "Send messages to users of this node", EveryRole()}};
  module.sync_tables = {{"messages", module::SyncDirection::kUp}};
  module.errors = MessagesErrorMessages();
  module.start = [](module::ModuleContext& context) {
    auto service = std::make_shared<MessageService>(MessageService::Sources{
        context.storage, context.orgs, context.clock, context.audit, context.config.node.id,
        context.config.node.org});
    context.extensions.services.Provide<Notifier>(context.module, service);
    return MessageRoutes(service, context.storage, context.config.http.list_count_bound);
  };
  return module;
}

}  // namespace mams::messages
