#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "node/storage/storage.h"

namespace mams::storage {

/// One schema step of a module. `apply` runs inside a transaction (SQLite makes DDL
/// transactional; on MySQL each DDL statement commits on its own, so steps stay small and
/// use IF NOT EXISTS). Versions start at 1 and never change once released.
struct Migration {
  int version = 0;
  std::string description;
  std::function<void(Session&)> apply;
};

struct ModuleMigrations {
  std::string module;
  std::vector<Migration> migrations;
};

struct AppliedMigration {
  std::string module;
  int version = 0;
  std::string description;
};

/// Brings every listed module's schema up to date, in list order, recording each step in
/// `schema_migrations`. Serialised across processes sharing one database. Throws
/// StartupError when the database holds a module version newer than this binary knows.
std::vector<AppliedMigration> ApplyMigrations(Storage& storage,
                                              const std::vector<ModuleMigrations>& modules);

/// Adds the sync bookkeeping of docs/sync-protocol.md §1 to a sync table that has the older
/// sync columns: `version_node`, `base_version` and the index capture reads rows by
/// (`idx_<table>_sync_version` on `version`). `table` is a constant of the calling module.
void AddSyncVersionColumns(Session& session, const std::string& table);

/// Runs a module's schema statements in order: a CREATE TABLE gets the dialect's table
/// options (MariaDB's engine and character set) and LONGTEXT becomes the dialect's long
/// text type.
void RunSchema(Session& session, const char* const* first, const char* const* last);
template <std::size_t N>
void RunSchema(Session& session, const char* const (&statements)[N]) {
  RunSchema(session, statements, statements + N);
}

/// The highest applied version of `module`, 0 when none.
int AppliedVersion(Session& session, const std::string& module);

}  // namespace mams::storage
