#include "node/app/backup_command.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>

#include "node/app/node_runtime.h"
#include "node/audit/audit_log.h"
#include "node/backup/backup_manifest.h"
#include "node/backup/mysql_dump.h"
#include "node/backup/sqlite_copy.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/scope/org_level.h"
#include "node/storage/storage.h"
#include "sync/outbox.h"
#include "sync/restored_node.h"

namespace mams::app {
namespace {

constexpr char kSqliteFile[] = "mams.db";
constexpr char kMysqlFile[] = "mams.sql";

std::string BackendOf(const config::NodeConfig& config) {
  return config.storage.mysql ? "mysql" : "sqlite";
}

/// A backup goes into a new directory or an empty one: an earlier backup is never mixed
/// with or overwritten by a later one.
void PrepareBackupDir(const std::string& dir) {
  Poco::File folder(dir);
  if (folder.exists()) {
    std::vector<std::string> entries;
    folder.list(entries);
    if (!entries.empty()) {
      throw StartupError("--backup: " + dir + " is not empty; give a new directory");
    }
  }
  try {
    folder.createDirectories();
  } catch (const Poco::Exception& e) {
    throw StartupError("--backup: cannot create " + dir + ": " + e.displayText());
  }
  // A backup holds personal data and TOTP secrets: this user only.
  ::chmod(dir.c_str(), 0700);
}

audit::Actor CommandLine() {
  audit::Actor actor;
  actor.username = "mams-node";
  actor.client_address = "command line";
  return actor;
}

}  // namespace

std::string BackupNode(const config::NodeConfig& config, const std::string& dir) {
  PrepareBackupDir(dir);
  backup::BackupManifest manifest;
  manifest.node_id = config.node.id;
  manifest.level = std::string(scope::OrgLevelName(config.node.level));
  manifest.org = config.node.org;
  manifest.backend = BackendOf(config);
  manifest.mams_version = MAMS_VERSION;
  const auto started = std::chrono::steady_clock::now();
  manifest.created_at = FormatIsoUtc(SystemClock().NowMs());
  std::string file;
  if (config.storage.mysql) {
    // The outbox position read before the snapshot: the dump holds at least this much.
    manifest.outbox_seq = sync::Outbox::LastSeq(*storage::OpenStorage(config.storage)->Open());
    file = kMysqlFile;
    backup::DumpMysql(*config.storage.mysql, dir + "/" + file);
  } else {
    file = kSqliteFile;
    backup::CopySqliteDatabase(config.storage.sqlite->path, dir + "/" + file);
    backup::CheckSqliteIntegrity(dir + "/" + file);
    manifest.outbox_seq = backup::SqliteReadInt(
        dir + "/" + file, "SELECT value FROM sync_counters WHERE name = 'outbox_seq'");
  }
  ::chmod((dir + "/" + file).c_str(), 0600);
  backup::BackupFile entry;
  entry.name = file;
  entry.sha256 = backup::Sha256OfFile(dir + "/" + file, &entry.bytes);
  manifest.files.push_back(entry);
  backup::WriteManifest(dir, manifest);

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char summary[256];
  std::snprintf(summary, sizeof summary, "%s backup of %s: %s, %lld bytes, outbox at %lld, %.1f s",
                manifest.backend.c_str(), manifest.node_id.c_str(), file.c_str(),
                static_cast<long long>(entry.bytes), static_cast<long long>(manifest.outbox_seq),
                seconds);

  // The backup is an operation on the node: it goes into the operation log. Written
  // without starting the node (no migrations run on the live database: the binary running
  // the backup may be newer than the node).
  audit::Entry record = audit::EntryFor("node.backup", "node", config.node.id, config.node.org);
  record.detail = summary;
  auto storage = storage::OpenStorage(config.storage);
  audit::AuditLog(SystemClock(), config.node.id).AppendAlone(*storage, CommandLine(), record);
  return summary;
}

std::string RestoreNode(config::NodeConfig config, const std::string& dir) {
  const backup::BackupManifest manifest = backup::ReadVerifiedManifest(dir);
  if (manifest.node_id != config.node.id || manifest.org != config.node.org) {
    throw StartupError("--restore: " + dir + " is a backup of node " + manifest.node_id + " (org " +
                       manifest.org + "); this config is node " + config.node.id + " (org " +
                       config.node.org + "). Restore a node from its own backup.");
  }
  if (manifest.backend != BackendOf(config)) {
    throw StartupError("--restore: " + dir + " is a " + manifest.backend +
                       " backup; this node's storage is " + BackendOf(config));
  }
  const std::string file = dir + "/" + manifest.files.front().name;
  if (config.storage.mysql) {
    auto storage = storage::OpenStorage(config.storage);
    const auto tables = storage->Open()->Query(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()");
    if (tables[0].Int(0) != 0) {
      throw StartupError("--restore: database " + config.storage.mysql->database + " on " +
                         config.storage.mysql->host +
                         " already holds tables; restore only "
                         "into an empty database (nothing was changed)");
    }
    backup::LoadMysql(*config.storage.mysql, file);
  } else {
    const std::string& path = config.storage.sqlite->path;
    if (backup::SqliteTableCount(path) != 0) {
      throw StartupError("--restore: " + path +
                         " already holds a database; restore only into "
                         "a new file (move it away first; nothing was changed)");
    }
    // A WAL left behind by a removed database must not be replayed into the restored one.
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::remove((path + suffix).c_str());
    }
    const std::string temp = path + ".restoring";
    std::remove(temp.c_str());
    backup::CopySqliteDatabase(file, temp);
    backup::CheckSqliteIntegrity(temp);
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
      throw StartupError("--restore: cannot move " + temp + " to " + path);
    }
  }

  // Newer migrations apply now (a backup of an older version), then the links are told.
  const std::string node_id = config.node.id;
  const std::string org = config.node.org;
  NodeRuntime runtime(std::move(config));
  runtime.Prepare();
  const std::int64_t floor_us = SystemClock().NowMs() * 1000;
  auto session = runtime.storage().Open();
  storage::Transaction transaction(*session);
  sync::MarkRestored(*session, floor_us);
  audit::Entry record = audit::EntryFor("node.restore", "node", node_id, org);
  record.detail = "restored from the backup of " + manifest.created_at + " (" + manifest.backend +
                  ", outbox at " + std::to_string(manifest.outbox_seq) + ")";
  runtime.audit().Append(*session, CommandLine(), record);
  transaction.Commit();
  return "restored node " + node_id + " from the backup of " + manifest.created_at +
         "; its links reload from its parent and children at the next start";
}

}  // namespace mams::app
