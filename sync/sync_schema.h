#pragma once

#include <vector>

#include "node/storage/migrations.h"

namespace mams::sync {

/// Tables of the sync layer (docs/sync-protocol.md): `sync_outbox` (captured and forwarded
/// changes, §3), `sync_counters` (the outbox sequence; its row is the outbox lock),
/// `sync_links` (stream cursors, §6), `sync_conflicts` (§5), `sync_quarantine` (§8).
std::vector<storage::Migration> SyncMigrations();

}  // namespace mams::sync
