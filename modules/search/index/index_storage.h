#pragma once

// The two ways the search index is stored (docs/search.md, "Index storage"); used by
// search_index.cpp, which picks one by the session's backend.
#include <set>
#include <string>
#include <vector>

#include "modules/search/api/search_index.h"

namespace mams::search::index {

/// The terms a document is found by: IndexTerms of its texts, WholeTerm of its whole texts;
/// sorted, each once.
std::vector<std::string> TermsOf(const SearchDocument& document);

/// The ids of `kind` in `scope` that match every term of one alternative of a query, at most
/// `limit` + 1 of them; `cut` when the scan met kMaxScannedTerms before the end.
struct Scanned {
  std::vector<std::string> ids;
  bool cut = false;
};

/// MariaDB/MySQL: rows of search_terms, (kind, term, org_code, entity_id).
void WriteTermRows(storage::Session& session, const std::string& kind,
                   const std::vector<SearchDocument>& documents);
Scanned ScanTermRows(storage::Session& session, const std::string& kind,
                     const std::vector<TermMatch>& terms, const auth::DataScope& scope,
                     std::size_t limit);
void DropTermRows(storage::Session& session, const std::string& kind);

/// SQLite: one row per document in search_docs (its texts), its terms in the FTS5 table search_fts.
void WriteFtsDocuments(storage::Session& session, const std::string& kind,
                       const std::vector<SearchDocument>& documents);
Scanned ScanFts(storage::Session& session, const std::string& kind,
                const std::vector<TermMatch>& terms, const auth::DataScope& scope,
                std::size_t limit);
void DropFtsDocuments(storage::Session& session, const std::string& kind);
/// The texts of a document as search_docs keeps them on SQLite ("t<bytes>:text" or
/// "w<bytes>:text" each), and the document read back from that (its texts only; a malformed
/// record yields the texts before the fault).
std::string TextsRecord(const SearchDocument& document);
SearchDocument FromTextsRecord(std::string_view record);
/// One bounded step of merging search_fts's segments, in the caller's transaction; false
/// when there was nothing to merge.
bool MergeFtsSegments(storage::Session& session);

}  // namespace mams::search::index
