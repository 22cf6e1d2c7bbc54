#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "modules/search/api/search_text.h"
#include "node/storage/result_set.h"

namespace mams::auth {
class DataScope;
}
namespace mams::storage {
class Session;
class Storage;
}

namespace mams::search {

/// What one row is found by: its texts (IndexTerms) and texts found only whole (WholeTerm,
/// phone numbers). A deleted row (or one merged away) is taken out of the index.
struct SearchDocument {
  std::string id;
  std::string org_code;
  bool deleted = false;
  std::vector<std::string> texts;
  std::vector<std::string> whole_texts;
};

/// A table whose rows the index keeps current: after every transaction that writes rows of
/// `table` (a local write, an import, a change applied by sync), `read` gets those ids in
/// the same transaction and returns their documents (an id it does not return leaves the
/// index). `kind` names the rows in the index and in search results ("customer").
struct IndexedTable {
  std::string kind;
  std::string table;
  std::function<std::vector<SearchDocument>(storage::Session&, const std::vector<std::string>&)>
      read;
};

/// Makes the index terms of `documents` of `kind` what their texts give, inside the caller's
/// transaction; writes nothing for a document whose terms and org are unchanged.
void IndexDocuments(storage::Session& session, const std::string& kind,
                    const std::vector<SearchDocument>& documents);

/// Merges the index's segments on SQLite (nothing to do on MariaDB), in transactions of a
/// few milliseconds each with as long a pause after each, until there is nothing left or
/// `budget` has passed; returns the merge steps done. Writes leave merging to this (the search.merge job): a merge inside
/// a single create once took 0.4–2 s at 10⁶ customers.
int MergeIndexSegments(storage::Storage& storage, std::chrono::milliseconds budget);

/// Ids of `kind` in `scope` that match `plan`, in index order, at most `limit`; `more` when
/// there are others. Bounded: each alternative reads at most kMaxScannedTerms index entries
/// (`scan_cut` then says some were not looked at).
struct FoundIds {
  std::vector<std::string> ids;
  bool more = false;
  bool scan_cut = false;
};
FoundIds FindIds(storage::Session& session, const std::string& kind, const QueryPlan& plan,
                 const auth::DataScope& scope, std::size_t limit);
constexpr std::size_t kMaxScannedTerms = 20000;

/// The tables the index keeps, declared by the modules that own them (at start, before the
/// node serves); offered by the search module as a service. Thread-safe once serving.
class SearchIndexer {
 public:
  /// Throws StartupError when the kind or the table is already declared.
  void Add(IndexedTable table);
  /// Reindexes the rows `ids` of `table` (nothing for a table not declared).
  void RowsWritten(storage::Session& session, std::string_view table,
                   const std::vector<std::string>& ids) const;
  /// Indexes every row of one kind (or every kind for ""), in batches of its own
  /// transactions; returns the rows indexed. kScratch first drops the kind's terms (the
  /// `search:rebuild` task); kCurrent keeps them and corrects each row's (a kind's first
  /// build, while live writes go on).
  enum class RebuildFrom { kScratch, kCurrent };
  std::int64_t Rebuild(storage::Storage& storage, const std::string& kind, RebuildFrom from) const;
  const std::vector<IndexedTable>& tables() const { return tables_; }

 private:
  std::vector<IndexedTable> tables_;
};

}  // namespace mams::search
