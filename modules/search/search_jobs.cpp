#include "modules/search/search_jobs.h"

#include <Poco/Logger.h>

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
// The kinds a load wrote without indexing, with the time of its last page.
constexpr char kDeferredKinds[] = "SELECT kind, loaded_at FROM search_deferred";
// Only if no page came while the kind was indexed: that page's rows may have been passed.
constexpr char kCaughtUp[] = "DELETE FROM search_deferred WHERE kind = ? AND loaded_at = ?";
constexpr char kCountBehind[] =
    "SELECT (SELECT COUNT(*) FROM search_deferred), (SELECT COUNT(*) FROM search_built)";

void BuildMissingKinds(const SearchIndexer& indexer, storage::Storage& storage, const Clock& clock,
                       Poco::Logger& logger) {
  std::set<std::string> built;
  storage.Open()->QueryRows(kBuiltKinds, {},
                            [&built](const storage::RowView& row) { built.emplace(row.Text(0)); });
  for (const auto& table : indexer.tables()) {
    if (built.count(table.kind) == 0) {
      const auto rows = indexer.Rebuild(storage, table.kind, SearchIndexer::RebuildFrom::kCurrent);
      auto session = storage.Open();
      session->Execute(kMarkBuilt, {table.kind, FormatIsoUtc(clock.NowMs())});
      logger.information("search index of '" + table.kind + "' built: " + std::to_string(rows) + " rows");
    }
  }
}

void CatchUpLoadedKinds(const SearchIndexer& indexer, storage::Storage& storage, const Clock& clock,
                        std::chrono::milliseconds settle, Poco::Logger& logger) {
  std::vector<std::pair<std::string, std::int64_t>> deferred;
  storage.Open()->QueryRows(kDeferredKinds, {}, [&deferred](const storage::RowView& row) {
    deferred.emplace_back(row.Text(0), row.Int(1));
  });
  for (const auto& [kind, loaded_at] : deferred) {
    if (clock.NowMs() - loaded_at < settle.count()) {
      continue;  // a load is still coming in: index it once, after its last page
    }
    const auto rows = indexer.Rebuild(storage, kind, SearchIndexer::RebuildFrom::kCurrent);
    const bool caught_up = storage.Open()->Execute(kCaughtUp, {kind, loaded_at}) > 0;
    logger.information("search index of '" + kind + "' brought up to date after a load: " +
                       std::to_string(rows) + " rows" +
                       (caught_up ? "" : "; another load came meanwhile, indexed again after it"));
  }
}

}  // namespace

void BuildIndexBehind(const SearchIndexer& indexer, storage::Storage& storage, const Clock& clock,
                      std::chrono::milliseconds settle, Poco::Logger& logger) {
  BuildMissingKinds(indexer, storage, clock, logger);
  CatchUpLoadedKinds(indexer, storage, clock, settle, logger);
}

void DeferLoadedKind(storage::Session& session, const std::string& kind, std::int64_t now_ms) {
  session.Execute(session.dialect().Upsert("search_deferred", {"kind", "loaded_at"}, {"kind"}),
                  {kind, now_ms});
}

bool IndexBehind(storage::Session& session, std::size_t declared_kinds) {
  const auto counts = session.Query(kCountBehind, {});
  return counts[0].Int(0) > 0 || counts[0].Int(1) < static_cast<std::int64_t>(declared_kinds);
}

}  // namespace mams::search
