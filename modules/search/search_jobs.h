#pragma once

// The search module's background work and what it tells searches about it
// (docs/search.md, "Builds" and "Loads").
#include <chrono>
#include <cstdint>
#include <string>

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

/// Builds the kinds declared since the last build (search_built), then brings up to date the
/// kinds an initial load wrote without indexing (search_deferred), once no load page has
/// come for `settle`: a load is indexed once, after it, not page by page.
void BuildIndexBehind(const SearchIndexer& indexer, storage::Storage& storage, const Clock& clock,
                      std::chrono::milliseconds settle, Poco::Logger& logger);

/// Marks `kind` as behind a load, in the caller's (apply) transaction.
void DeferLoadedKind(storage::Session& session, const std::string& kind, std::int64_t now_ms);

/// True while some kind is not built yet or is behind a load: searches may miss rows.
bool IndexBehind(storage::Session& session, std::size_t declared_kinds);

}  // namespace mams::search
