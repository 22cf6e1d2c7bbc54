#include "node/storage/migrations.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>

#include <algorithm>
#include <string_view>

#include "node/common/errors.h"

namespace mams::storage {
namespace {

constexpr char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " module VARCHAR(64) NOT NULL,"
    " version INTEGER NOT NULL,"
    " description VARCHAR(255) NOT NULL,"
    " applied_at VARCHAR(32) NOT NULL,"
    " PRIMARY KEY (module, version))";
constexpr char kSelectVersion[] =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE module = ?";
constexpr char kInsertApplied[] =
    "INSERT INTO schema_migrations (module, version, description, applied_at) VALUES (?, ?, ?, ?)";
// MySQL DDL is not transactional, so concurrent starts are serialised by a named lock.
constexpr char kMysqlLock[] = "SELECT GET_LOCK('mams.schema_migrations', 60)";
constexpr char kMysqlUnlock[] = "SELECT RELEASE_LOCK('mams.schema_migrations')";

std::string NowIso() {
  return Poco::DateTimeFormatter::format(Poco::DateTime(), Poco::DateTimeFormat::ISO8601_FORMAT);
}

class MigrationLock {
 public:
  explicit MigrationLock(Session& session) : session_(session) {
    if (session_.dialect().backend() == Backend::kMysql &&
        session_.Query(kMysqlLock).ScalarInt() != 1) {
      throw StartupError("storage: another mams-node has held the migration lock for 60 s");
    }
  }
  ~MigrationLock() {
    if (session_.dialect().backend() == Backend::kMysql) {
      try {
        session_.Query(kMysqlUnlock);
      } catch (const StorageError&) {
        // The lock is released with the connection anyway.
      }
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  Session& session_;
};

}  // namespace

int AppliedVersion(Session& session, const std::string& module) {
  return static_cast<int>(session.Query(kSelectVersion, {module}).ScalarInt());
}

std::vector<AppliedMigration> ApplyMigrations(Storage& storage,
                                              const std::vector<ModuleMigrations>& modules) {
  auto session = storage.Open();
  session->ExecuteRaw(std::string(kCreateTable) + storage.dialect().TableOptions());
  MigrationLock lock(*session);
  std::vector<AppliedMigration> applied;
  for (const auto& module : modules) {
    std::vector<const Migration*> steps;
    for (const auto& migration : module.migrations) {
      steps.push_back(&migration);
    }
    std::sort(steps.begin(), steps.end(),
              [](const Migration* a, const Migration* b) { return a->version < b->version; });
    const int known = steps.empty() ? 0 : steps.back()->version;
    const int current = AppliedVersion(*session, module.module);
    if (current > known) {
      throw StartupError("storage: the database schema of module '" + module.module +
                         "' is at version " + std::to_string(current) +
                         " but this mams-node knows only up to version " + std::to_string(known) +
                         "; run the newer mams-node that wrote it or restore a matching backup");
    }
    for (const Migration* step : steps) {
      if (step->version <= current) {
        continue;
      }
      try {
        Transaction transaction(*session);
        step->apply(*session);
        session->Execute(kInsertApplied,
                         {module.module, std::int64_t{step->version}, step->description, NowIso()});
        transaction.Commit();
      } catch (const StorageError& e) {
        throw StartupError("storage: migration " + module.module + " v" +
                           std::to_string(step->version) + " (" + step->description +
                           ") failed: " + e.what());
      }
      applied.push_back({module.module, step->version, step->description});
    }
  }
  return applied;
}

void RunSchema(Session& session, const char* const* first, const char* const* last) {
  constexpr std::string_view kLongText = "LONGTEXT";
  for (const char* const* statement = first; statement != last; ++statement) {
    std::string sql(*statement);
    for (auto at = sql.find(kLongText); at != std::string::npos; at = sql.find(kLongText, at + 1)) {
      sql.replace(at, kLongText.size(), session.dialect().LongTextType());
    }
    session.ExecuteRaw(sql.rfind("CREATE TABLE", 0) == 0 ? sql + session.dialect().TableOptions()
                                                         : sql);
  }
}

void AddSyncVersionColumns(Session& session, const std::string& table) {
  session.ExecuteRaw("ALTER TABLE " + table +
                     " ADD COLUMN version_node VARCHAR(64) NOT NULL DEFAULT ''");
  session.ExecuteRaw("ALTER TABLE " + table + " ADD COLUMN base_version BIGINT NOT NULL DEFAULT 0");
  session.ExecuteRaw("CREATE INDEX idx_" + table + "_sync_version ON " + table + " (version)");
}

}  // namespace mams::storage
