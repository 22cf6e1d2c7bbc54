#include "sync/sync_schema.h"

#include <string>

namespace mams::sync {
namespace {

constexpr const char* kTables[] = {
    "CREATE TABLE IF NOT EXISTS sync_outbox ("
    " seq BIGINT NOT NULL PRIMARY KEY, table_name VARCHAR(64) NOT NULL,"
    " row_id VARCHAR(64) NOT NULL, org_code VARCHAR(32) NOT NULL, version BIGINT NOT NULL,"
    " version_node VARCHAR(64) NOT NULL, base_version BIGINT NOT NULL,"
    " deleted INTEGER NOT NULL, source VARCHAR(64) NOT NULL, image LONGTEXT NOT NULL,"
    " created_at VARCHAR(32) NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sync_counters ("
    " name VARCHAR(64) NOT NULL PRIMARY KEY, value BIGINT NOT NULL)",
    // Where each stream of each link stands (§6): what this node has committed of the peer's
    // changes, and what the peer has acknowledged of this node's.
    "CREATE TABLE IF NOT EXISTS sync_links ("
    " peer VARCHAR(64) NOT NULL PRIMARY KEY, received_cursor BIGINT NOT NULL DEFAULT 0,"
    " acked_cursor BIGINT NOT NULL DEFAULT 0, updated_at VARCHAR(32) NOT NULL)",
    // Losing concurrent changes (§5): an up sync table, one row per conflict wherever seen.
    "CREATE TABLE IF NOT EXISTS sync_conflicts ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, table_name VARCHAR(64) NOT NULL,"
    " row_id VARCHAR(64) NOT NULL, winner_version BIGINT NOT NULL,"
    " winner_node VARCHAR(64) NOT NULL, loser_version BIGINT NOT NULL,"
    " loser_node VARCHAR(64) NOT NULL, winner_image LONGTEXT NOT NULL,"
    " loser_image LONGTEXT NOT NULL, detected_at VARCHAR(32) NOT NULL,"
    " detected_by VARCHAR(64) NOT NULL, org_code VARCHAR(32) NOT NULL,"
    " owner_node VARCHAR(64) NOT NULL, version BIGINT NOT NULL,"
    " version_node VARCHAR(64) NOT NULL, base_version BIGINT NOT NULL DEFAULT 0,"
    " updated_at VARCHAR(32) NOT NULL, deleted INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX idx_sync_conflicts_sync_version ON sync_conflicts (version)",
    "CREATE INDEX idx_sync_conflicts_org ON sync_conflicts (org_code, detected_at)",
    // Changes that could not be applied or were refused (§8); local to this node.
    "CREATE TABLE IF NOT EXISTS sync_quarantine ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, peer VARCHAR(64) NOT NULL,"
    " table_name VARCHAR(64) NOT NULL, row_id VARCHAR(64) NOT NULL, org_code VARCHAR(32) NOT NULL,"
    " version BIGINT NOT NULL, version_node VARCHAR(64) NOT NULL, image LONGTEXT NOT NULL,"
    " reason VARCHAR(500) NOT NULL, created_at VARCHAR(32) NOT NULL)",
    "CREATE INDEX idx_sync_quarantine_peer ON sync_quarantine (peer, created_at)",
};

}  // namespace

std::vector<storage::Migration> SyncMigrations() {
  return {
      {1, "outbox and its sequence, link cursors, conflicts, quarantine",
       [](storage::Session& session) {
         for (const char* statement : kTables) {
           std::string sql(statement);
           for (auto at = sql.find("LONGTEXT"); at != std::string::npos;
                at = sql.find("LONGTEXT", at + 1)) {
             sql.replace(at, 8, session.dialect().LongTextType());
           }
           const bool table = sql.rfind("CREATE TABLE", 0) == 0;
           session.ExecuteRaw(table ? sql + session.dialect().TableOptions() : sql);
         }
         session.Execute("INSERT INTO sync_counters (name, value) VALUES ('outbox_seq', 0)");
       }},
      {2, "where a load stands at its receiver (resumable initial loads and resyncs)",
       [](storage::Session& session) {
         for (const char* column :
              {"load_id VARCHAR(36) NOT NULL DEFAULT ''", "load_page BIGINT NOT NULL DEFAULT -1",
               "load_table VARCHAR(64) NOT NULL DEFAULT ''",
               "load_after VARCHAR(64) NOT NULL DEFAULT ''"}) {
           session.ExecuteRaw(std::string("ALTER TABLE sync_links ADD COLUMN ") + column);
         }
         // A link that never brought anything in still wants its first load.
         session.Execute("UPDATE sync_links SET load_page = 0 WHERE received_cursor = 0");
       }},
      {3, "the highest version any process of this node committed (scale-out on MySQL)",
       [](storage::Session& session) {
         session.Execute("INSERT INTO sync_counters (name, value) VALUES ('version_floor', 0)");
       }},
  };
}

}  // namespace mams::sync
