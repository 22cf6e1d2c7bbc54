#include "sync/restored_node.h"

#include "node/storage/storage.h"

namespace mams::sync {

void MarkRestored(storage::Session& session, std::int64_t sequence_floor) {
  session.Execute("UPDATE sync_counters SET value = ? WHERE name = 'outbox_seq' AND value < ?",
                  {sequence_floor, sequence_floor});
  session.Execute(
      "UPDATE sync_links SET load_id = '', load_page = 0, load_table = '', load_after = ''");
}

}  // namespace mams::sync
