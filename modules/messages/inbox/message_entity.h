#pragma once

#include "modules/messages/inbox/message_record.h"
#include "node/entity/entity.h"
#include "node/entity/synced_table.h"

namespace mams::messages {

const entity::Entity<MessageRecord>& MessageEntity();
const entity::SyncedTable& MessageTable();

}  // namespace mams::messages
