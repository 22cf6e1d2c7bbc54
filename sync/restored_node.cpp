#include "sync/restored_node.h"

#include "node/storage/storage.h"
#include "sync/link_store.h"

namespace mams::sync {

void MarkRestored(storage::Session& session, std::int64_t sequence_floor) {
  session.Execute("UPDATE sync_counters SET value = ? WHERE name = 'outbox_seq' AND value < ?",
                  {sequence_floor, sequence_floor});
  LinkStore::WantLoadsEverywhere(session);
}

}  // namespace mams::sync
