// The search index: what documents of each kind are found by, kept on each backend its own
// way (docs/search.md, "Index storage"); the tables it keeps; rebuilds.
#include "modules/search/api/search_index.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <thread>

#include "modules/search/index/index_storage.h"
#include "node/common/errors.h"
#include "node/storage/dialect.h"
#include "node/storage/id_batches.h"
#include "node/storage/storage.h"

namespace mams::search {
namespace {

constexpr std::size_t kRebuildBatch = 500;
constexpr int kBatchAttempts = 3;

bool OnFts(const storage::Session& session) {
  return session.dialect().backend() == storage::Backend::kSqlite;
}

// Indexes the rows `ids` of `indexed` in a transaction of its own. On MariaDB the rows are
// locked first, so that they are read as the last commit left them: a snapshot taken before
// a live write's commit would index the older version over the newer (REPEATABLE READ). A
// deadlock with a live write tries the batch again.
void IndexBatch(storage::Session& session, const IndexedTable& indexed,
                const std::vector<std::string>& ids) {
  for (int attempt = 1;; ++attempt) {
    try {
      storage::Transaction transaction(session);
      if (!OnFts(session)) {
        // The table name is a declared constant, never input.
        storage::QueryRowsForIds(session, "SELECT id FROM " + indexed.table + " WHERE id IN ", ids,
                                 " LOCK IN SHARE MODE", {}, [](const storage::RowView&) {});
      }
      IndexDocuments(session, indexed.kind, indexed.read(session, ids));
      transaction.Commit();
      return;
    } catch (const storage::StorageError&) {
      if (attempt == kBatchAttempts) {
        throw;
      }
    }
  }
}

}  // namespace

namespace index {

std::vector<std::string> TermsOf(const SearchDocument& document) {
  std::vector<std::string> terms;
  terms.reserve(64);
  for (const auto& text : document.texts) {
    AppendIndexTerms(text, &terms);
  }
  for (const auto& text : document.whole_texts) {
    if (auto term = WholeTerm(text); !term.empty()) {
      terms.push_back(std::move(term));
    }
  }
  // Sorted as views: moving std::strings about cost more than finding the terms.
  std::vector<std::string_view> views(terms.begin(), terms.end());
  std::sort(views.begin(), views.end());
  views.erase(std::unique(views.begin(), views.end()), views.end());
  return {views.begin(), views.end()};
}

}  // namespace index

void IndexDocuments(storage::Session& session, const std::string& kind,
                    const std::vector<SearchDocument>& documents) {
  if (OnFts(session)) {
    index::WriteFtsDocuments(session, kind, documents);
  } else {
    index::WriteTermRows(session, kind, documents);
  }
}

int MergeIndexSegments(storage::Storage& storage, std::chrono::milliseconds budget) {
  auto session = storage.Open();
  if (!OnFts(*session)) {
    return 0;
  }
  const auto until = std::chrono::steady_clock::now() + budget;
  int steps = 0;
  while (std::chrono::steady_clock::now() < until) {
    const auto started = std::chrono::steady_clock::now();
    storage::Transaction transaction(*session);
    const bool merged = index::MergeFtsSegments(*session);
    transaction.Commit();
    if (!merged) {
      break;
    }
    ++steps;
    // As long again without the write lock: a writer woken by the commit would otherwise
    // find the next step already holding it (whoever asks first after a commit gets it).
    std::this_thread::sleep_for(std::chrono::steady_clock::now() - started);
  }
  return steps;
}

FoundIds FindIds(storage::Session& session, const std::string& kind, const QueryPlan& plan,
                 const auth::DataScope& scope, std::size_t limit) {
  FoundIds found;
  std::set<std::string> seen;
  for (const auto& terms : plan.alternatives) {
    if (found.ids.size() > limit) {
      break;
    }
    auto scanned = OnFts(session) ? index::ScanFts(session, kind, terms, scope, limit)
                                  : index::ScanTermRows(session, kind, terms, scope, limit);
    for (auto& id : scanned.ids) {
      if (seen.insert(id).second) {
        found.ids.push_back(std::move(id));
      }
    }
    found.scan_cut = found.scan_cut || scanned.cut;
  }
  if (found.ids.size() > limit) {
    found.ids.resize(limit);
    found.more = true;
  }
  return found;
}

void SearchIndexer::Add(IndexedTable table) {
  for (const auto& known : tables_) {
    if (known.kind == table.kind || known.table == table.table) {
      throw StartupError("search index: kind '" + table.kind + "' of table '" + table.table +
                         "' is already declared");
    }
  }
  tables_.push_back(std::move(table));
}

void SearchIndexer::RowsWritten(storage::Session& session, std::string_view table,
                                const std::vector<std::string>& ids) const {
  for (const auto& indexed : tables_) {
    if (indexed.table == table && !ids.empty()) {
      auto documents = indexed.read(session, ids);
      std::set<std::string> returned;
      for (const auto& document : documents) {
        returned.insert(document.id);
      }
      for (const auto& id : ids) {
        if (returned.count(id) == 0) {
          documents.push_back(SearchDocument{id, "", true, {}, {}});
        }
      }
      IndexDocuments(session, indexed.kind, documents);
    }
  }
}

std::int64_t SearchIndexer::Rebuild(storage::Storage& storage, const std::string& kind,
                                    RebuildFrom from) const {
  std::int64_t indexed_rows = 0;
  for (const auto& indexed : tables_) {
    if (!kind.empty() && indexed.kind != kind) {
      continue;
    }
    auto session = storage.Open();
    if (from == RebuildFrom::kScratch) {
      storage::Transaction transaction(*session);
      if (OnFts(*session)) {
        index::DropFtsDocuments(*session, indexed.kind);
      } else {
        index::DropTermRows(*session, indexed.kind);
      }
      transaction.Commit();
    }
    // The table name is a declared constant, never input.
    const std::string next_ids = "SELECT id FROM " + indexed.table + " WHERE id > ? ORDER BY id LIMIT ?";
    std::string after;
    for (;;) {
      std::vector<std::string> ids;
      session->QueryRows(next_ids, {after, static_cast<std::int64_t>(kRebuildBatch)},
                         [&ids](const storage::RowView& row) { ids.emplace_back(row.Text(0)); });
      if (ids.empty()) {
        break;
      }
      after = ids.back();
      IndexBatch(*session, indexed, ids);
      indexed_rows += static_cast<std::int64_t>(ids.size());
    }
  }
  return indexed_rows;
}

}  // namespace mams::search
