#include "modules/search/search_module.h"

#include <Poco/Logger.h>

#include <chrono>
#include <ostream>
#include <set>

#include "modules/search/api/search_index.h"
#include "modules/search/search_jobs.h"
#include "modules/search/search_routes.h"
#include "node/auth/roles.h"
#include "node/common/clock.h"
#include "node/storage/dialect.h"
#include "node/storage/storage.h"
#include "node/storage/write_hooks.h"

namespace mams::search {
namespace {

constexpr char kQueryPermission[] = "search:query";
// How often a node looks for kinds not built yet: one small query when there are none; short,
// because a leader-only job skips its turns until the process is elected (about a second on
// MySQL).
constexpr std::chrono::seconds kBuildCheckInterval{5};
// Merging the index's segments, off the write path: at most this long a second (in steps of
// about 15 ms each, so a writer waits no longer than one step).
constexpr std::chrono::seconds kMergeInterval{1};
constexpr std::chrono::milliseconds kMergeBudget{400};
constexpr char kIndexWrites[] = "index_writes";
constexpr char kLoadSettle[] = "load_settle_seconds";
constexpr char kLoadAbandoned[] = "load_abandoned_seconds";
constexpr char kForgetBuilt[] = "DELETE FROM search_built";

// Tells the indexer of the rows written in every transaction (node/storage/write_hooks.h);
// marks the kinds of a load's rows as behind, to be indexed after the load.
class IndexKeeper final : public storage::RowListener {
 public:
  IndexKeeper(std::shared_ptr<const SearchIndexer> indexer, const Clock& clock)
      : indexer_(std::move(indexer)), clock_(clock) {}
  bool Keeps(std::string_view table) const override {
    for (const auto& indexed : indexer_->tables()) {
      if (indexed.table == table) {
        return true;
      }
    }
    return false;
  }
  void RowsWritten(storage::Session& session, std::string_view table,
                   const std::vector<std::string>& ids) override {
    indexer_->RowsWritten(session, table, ids);
  }
  void RowsLoaded(storage::Session& session, std::string_view table,
                  const std::vector<std::string>& /*ids*/, std::string_view source) override {
    for (const auto& indexed : indexer_->tables()) {
      if (indexed.table == table) {
        DeferLoadedKind(session, indexed.kind, source, clock_.NowMs());
      }
    }
  }
  void LoadEnded(storage::Session& session, std::string_view source) override {
    for (const auto& indexed : indexer_->tables()) {
      EndDeferredLoad(session, indexed.kind, source, clock_.NowMs());
    }
  }

 private:
  std::shared_ptr<const SearchIndexer> indexer_;
  const Clock& clock_;
};

int RebuildTask(module::TaskContext& task) {
  const auto indexer = task.extensions.services.Find<SearchIndexer>();
  const std::string kind = task.args.empty() ? "" : task.args[0];
  const auto rows = indexer->Rebuild(task.storage, kind, SearchIndexer::RebuildFrom::kScratch);
  task.out << "search index rebuilt: " << rows << " rows\n";
  return 0;
}

}  // namespace

module::Module MakeModule() {
  module::Module module;
  module.name = "search";
  module.description = "Search index (Chinese, pinyin, numbers) and the console's search box";
  module.depends_on = {"orgs"};
  module.config = {config::FieldDecl::Bool(
      kIndexWrites, true,
      "Keep the index current in every write, import and sync apply. false only for a bulk "
      "first load: searches then miss what is written, and the next start with true rebuilds "
      "the index"),
                   config::FieldDecl::Int(
                       kLoadSettle, 5, 0, 3600,
                       "Seconds after the last initial load ended before the kinds the loads "
                       "wrote are indexed: loads that follow each other are indexed once"),
                   config::FieldDecl::Int(
                       kLoadAbandoned, 600, 60, 86400,
                       "Seconds without a page after which a load that never ended is indexed "
                       "all the same")};
  module.migrations = {
      {1, "search_terms: the index; search_built: the kinds built",
       [](storage::Session& session) {
         // Binary collation: prefix ranges compare bytes (node/storage/dialect.cpp).
         session.ExecuteRaw(
             "CREATE TABLE IF NOT EXISTS search_terms ("
             " kind VARCHAR(24) NOT NULL, term VARCHAR(66) NOT NULL,"
             " org_code VARCHAR(32) NOT NULL, entity_id VARCHAR(64) NOT NULL,"
             " PRIMARY KEY (kind, term, org_code, entity_id))" +
             session.dialect().TableOptions());
         session.ExecuteRaw(
             "CREATE INDEX idx_search_terms_entity ON search_terms (kind, entity_id, term)");
         session.ExecuteRaw(
             "CREATE TABLE IF NOT EXISTS search_built ("
             " kind VARCHAR(24) NOT NULL PRIMARY KEY, built_at VARCHAR(32) NOT NULL)" +
             session.dialect().TableOptions());
       }},
      {2, "on SQLite, the index moves from search_terms to FTS5",
       [](storage::Session& session) {
         if (session.dialect().backend() != storage::Backend::kSqlite) {
           return;
         }
         // A B-tree row per term costs an import most of its time on SQLite (docs/search.md,
         // "Index storage"); FTS5 writes a transaction's terms as one segment. Its tables are
         // made by migration 3 (those of this one kept the terms, not the texts).
         session.ExecuteRaw("DROP TABLE IF EXISTS search_terms");
         session.ExecuteRaw("DELETE FROM search_built");
       }},
      {3, "on SQLite, search_docs and the FTS5 table search_fts (texts kept, not terms)",
       [](storage::Session& session) {
         if (session.dialect().backend() != storage::Backend::kSqlite) {
           return;
         }
         // search_docs kept each document's terms until this migration: 675 bytes a customer,
         // 85 % of the index's bytes, against 80 for the texts the terms are computed from.
         // Any change of the terms empties the index like this; search.build makes it again.
         session.ExecuteRaw("DROP TABLE IF EXISTS search_fts");
         session.ExecuteRaw("DROP TABLE IF EXISTS search_docs");
         session.ExecuteRaw(
             "CREATE TABLE search_docs (id INTEGER PRIMARY KEY, kind VARCHAR(24) NOT NULL,"
             " entity_id VARCHAR(64) NOT NULL, org_code VARCHAR(32) NOT NULL, texts TEXT NOT NULL,"
             " UNIQUE (kind, entity_id))");
         session.ExecuteRaw(
             "CREATE VIRTUAL TABLE search_fts USING fts5(terms, content='', columnsize=0,"
             " detail=none, tokenize=\"unicode61 remove_diacritics 0 tokenchars ':._'\")");
         session.ExecuteRaw("DELETE FROM search_built");
       }},
      {4, "on SQLite, FTS5 merges segments in the search.merge job, not in writes",
       [](storage::Session& session) {
         if (session.dialect().backend() != storage::Backend::kSqlite) {
           return;
         }
         // FTS5 merged segments inside whichever transaction wrote when a level filled: a
         // single create then waited 0.4–2 s at 10⁶ customers. A level that reaches 16
         // segments is still merged by the write (crisismerge), should the job fall behind.
         session.ExecuteRaw("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0)");
       }},
      {5, "search_deferred: the kinds an initial load wrote, indexed after it",
       [](storage::Session& session) {
         // One row per kind and per node sending a load: links that load at once never
         // write the same row (on MariaDB one link's open load would hold it from another's).
         session.ExecuteRaw(
             "CREATE TABLE IF NOT EXISTS search_deferred ("
             " kind VARCHAR(24) NOT NULL, source VARCHAR(64) NOT NULL,"
             " loaded_at BIGINT NOT NULL, ended INTEGER NOT NULL,"
             " PRIMARY KEY (kind, source))" +
             session.dialect().TableOptions());
       }},
  };
  module.permissions = {{kQueryPermission,
                         "Use the search box (each kind of result needs its own read permission)",
                         {auth::kGroupAdmin, auth::kGroupAnalyst, auth::kProvinceManager,
                          auth::kAccountManager, auth::kLocalStaff, auth::kSystemAdmin}}};
  module.tasks = {{"rebuild", "[KIND]",
                   "Rebuild the search index of one kind (customer, contact, …) or of all",
                   RebuildTask}};
  module.start = [](module::ModuleContext& context) {
    auto indexer = std::make_shared<SearchIndexer>();
    context.extensions.services.Provide<SearchIndexer>(context.module, indexer);
    storage::Storage& storage = context.storage;
    if (!context.settings.Bool(kIndexWrites)) {
      // Whatever is written from now on is missing: every kind is built again once writes
      // are indexed again.
      storage.Open()->Execute(kForgetBuilt, {});
      context.logger.warning("search.index_writes is false: the search index is not kept current");
      return SearchRoutes(context.extensions, context.storage, kQueryPermission);
    }
    const Clock& clock = context.clock;
    auto keeper = std::make_shared<IndexKeeper>(indexer, clock);
    context.storage.AddRowListener(keeper.get());
    Poco::Logger& logger = context.logger;
    const LoadTimes load_times{std::chrono::seconds(context.settings.Int(kLoadSettle)),
                               std::chrono::seconds(context.settings.Int(kLoadAbandoned))};
    // A kind's first build, once the modules that declare their tables have started; a job,
    // so that it runs in one process, off the election thread, and is tried again if it fails.
    module::JobDecl build;
    build.name = "build";
    build.description =
        "Build the index of kinds declared since the last start, and of kinds a load wrote";
    build.schedule = module::JobSchedule::Every(kBuildCheckInterval);
    build.run = [indexer, keeper, &storage, &clock, load_times, &logger] {
      BuildIndexBehind(*indexer, storage, clock, load_times, logger);
    };
    context.outputs.jobs.push_back(std::move(build));
    if (storage.Open()->dialect().backend() == storage::Backend::kSqlite) {
      module::JobDecl merge;
      merge.name = "merge";
      merge.description = "Merge the search index's FTS5 segments, a few milliseconds at a time";
      merge.schedule = module::JobSchedule::Every(kMergeInterval);
      merge.run = [&storage] { MergeIndexSegments(storage, kMergeBudget); };
      context.outputs.jobs.push_back(std::move(merge));
    }
    return SearchRoutes(context.extensions, context.storage, kQueryPermission);
  };
  return module;
}

}  // namespace mams::search
