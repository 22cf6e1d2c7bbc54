#include "modules/search/search_jobs.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "modules/search/api/search_index.h"
#include "node/common/clock.h"
#include "node/storage/dialect.h"
#include "node/storage/storage.h"

namespace mams::search {
namespace {

// The kinds whose index this node has built; a kind declared later is built on first start.
constexpr char kBuiltKinds[] = "SELECT kind FROM search_built";
constexpr char kMarkBuilt[] = "INSERT INTO search_built (kind, built_at) VALUES (?, ?)";
// The kinds loads wrote without indexing: per node sending, the time of the last page (or of
// the end) and whether the load ended.
constexpr char kDeferred[] = "SELECT kind, source, loaded_at, ended FROM search_deferred";
// By the whole key: on MariaDB a range would lock other links' rows, which their open loads
// may hold.
constexpr char kEndLoad[] =
    "UPDATE search_deferred SET ended = 1, loaded_at = ? WHERE kind = ? AND source = ?";
// Only if no page came while the kind was indexed: that page's rows may have been passed.
constexpr char kCaughtUp[] =
    "DELETE FROM search_deferred WHERE kind = ? AND source = ? AND loaded_at = ? AND ended = ?";
constexpr char kCountDeferred[] = "SELECT COUNT(*) FROM search_deferred";

std::set<std::string> BuiltKinds(storage::Session& session) {
  std::set<std::string> built;
  session.QueryRows(kBuiltKinds, {}, [&built](const storage::RowView& row) { built.emplace(row.Text(0)); });
  return built;
}

void BuildMissingKinds(const SearchIndexer& indexer, storage::Storage& storage, const Clock& clock,
                       Poco::Logger& logger) {
  const auto built = BuiltKinds(*storage.Open());
  for (const auto& table : indexer.tables()) {
    if (built.count(table.kind) == 0) {
      const auto rows = indexer.Rebuild(storage, table.kind, SearchIndexer::RebuildFrom::kCurrent);
      auto session = storage.Open();
      session->Execute(kMarkBuilt, {table.kind, FormatIsoUtc(clock.NowMs())});
      logger.information("search index of '" + table.kind + "' built: " + std::to_string(rows) + " rows");
    }
  }
}

struct DeferredLoad {
  std::string source;
  std::int64_t loaded_at = 0;
  bool ended = false;
};

void CatchUpLoadedKinds(const SearchIndexer& indexer, storage::Storage& storage, const Clock& clock,
                        const LoadTimes& times, Poco::Logger& logger) {
  std::map<std::string, std::vector<DeferredLoad>> by_kind;
  storage.Open()->QueryRows(kDeferred, {}, [&by_kind](const storage::RowView& row) {
    by_kind[std::string(row.Text(0))].push_back({std::string(row.Text(1)), row.Int(2), row.Int(3) != 0});
  });
  for (const auto& [kind, loads] : by_kind) {
    const bool over = std::all_of(loads.begin(), loads.end(), [&](const DeferredLoad& load) {
      // A clock set back reads as time enough: the index is not held back by it.
      const std::int64_t since = clock.NowMs() - load.loaded_at;
      return since < 0 || since >= (load.ended ? times.settle : times.abandoned).count();
    });
    if (!over) {
      continue;  // a load is still coming in: index it once, after its end
    }
    const auto rows = indexer.Rebuild(storage, kind, SearchIndexer::RebuildFrom::kCurrent);
    auto session = storage.Open();
    int again = 0;
    for (const auto& load : loads) {
      again += session->Execute(kCaughtUp, {kind, load.source, load.loaded_at,
                                            static_cast<std::int64_t>(load.ended)}) == 0;
    }
    logger.information("search index of '" + kind + "' brought up to date after " +
                       std::to_string(loads.size()) + " load(s): " + std::to_string(rows) + " rows" +
                       (again == 0 ? "" : "; a load went on meanwhile, indexed again after it"));
  }
}

}  // namespace

void BuildIndexBehind(const SearchIndexer& indexer, storage::Storage& storage, const Clock& clock,
                      const LoadTimes& times, Poco::Logger& logger) {
  BuildMissingKinds(indexer, storage, clock, logger);
  CatchUpLoadedKinds(indexer, storage, clock, times, logger);
}

void DeferLoadedKind(storage::Session& session, const std::string& kind, std::string_view source,
                     std::int64_t now_ms) {
  session.Execute(session.dialect().Upsert("search_deferred",
                                           {"kind", "source", "loaded_at", "ended"},
                                           {"kind", "source"}),
                  {kind, std::string(source), now_ms, std::int64_t{0}});
}

void EndDeferredLoad(storage::Session& session, const std::string& kind, std::string_view source,
                     std::int64_t now_ms) {
  session.Execute(kEndLoad, {now_ms, kind, std::string(source)});
}

bool IndexBehind(storage::Session& session, const SearchIndexer& indexer) {
  if (session.Query(kCountDeferred, {}).ScalarInt() > 0) {
    return true;
  }
  // By name: a kind built here once but no longer declared must not stand for a missing one.
  const auto built = BuiltKinds(session);
  return std::any_of(indexer.tables().begin(), indexer.tables().end(),
                     [&built](const IndexedTable& table) { return built.count(table.kind) == 0; });
}

}  // namespace mams::search
