#pragma once

// The search module's background work and what it tells searches about it
// (docs/search.md, "Builds" and "Loads").
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace Poco {
class Logger;
}
namespace mams {
class Clock;
}
namespace mams::storage {
class Session;
class Storage;
}

namespace mams::search {

class SearchIndexer;

/// When the kinds a load wrote are indexed: `settle` after every load of the kind ended,
/// or `abandoned` after the last page of a load that never ended.
struct LoadTimes {
  std::chrono::milliseconds settle;
  std::chrono::milliseconds abandoned;
};

/// Builds the kinds declared since the last build (search_built), then brings up to date the
/// kinds loads wrote without indexing (search_deferred) once those loads are over: a load is
/// indexed once, after it, not page by page.
void BuildIndexBehind(const SearchIndexer& indexer, storage::Storage& storage, const Clock& clock,
                      const LoadTimes& times, Poco::Logger& logger);

/// Marks `kind` as behind a load from `source`, in the caller's (apply) transaction; and the
/// end of that load, in the transaction of its closing page.
void DeferLoadedKind(storage::Session& session, const std::string& kind, std::string_view source,
                     std::int64_t now_ms);
void EndDeferredLoad(storage::Session& session, const std::string& kind, std::string_view source,
                     std::int64_t now_ms);

/// True while some kind is not built yet or is behind a load: searches may miss rows.
bool IndexBehind(storage::Session& session, const SearchIndexer& indexer);

}  // namespace mams::search
