// The search index on SQLite: one row per document in search_docs (its org and the texts it
// was indexed from), and its terms in the FTS5 table search_fts, whose row id is the
// document's (docs/search.md, "Index storage").
#include <algorithm>
#include <map>

#include "modules/search/index/index_storage.h"
#include "node/auth/data_scope.h"
#include "node/storage/id_batches.h"
#include "node/storage/storage.h"

namespace mams::search::index {
namespace {

// ids first (storage::QueryRowsForIds).
constexpr char kHeldDocs[] =
    "SELECT entity_id, id, org_code, texts FROM search_docs WHERE entity_id IN ";
constexpr char kOfKind[] = " AND kind = ?";
constexpr char kInsertDoc[] =
    "INSERT INTO search_docs (kind, entity_id, org_code, texts) VALUES (?, ?, ?, ?) RETURNING id";
constexpr char kUpdateDoc[] = "UPDATE search_docs SET org_code = ?, texts = ? WHERE id = ?";
constexpr char kDeleteDoc[] = "DELETE FROM search_docs WHERE id = ?";
constexpr char kDocsOfKindAfter[] =
    "SELECT id, texts FROM search_docs WHERE kind = ? AND id > ? ORDER BY id LIMIT ?";
constexpr std::int64_t kDropBatch = 500;
constexpr char kDeleteDocsOfKind[] = "DELETE FROM search_docs WHERE kind = ?";
// search_fts keeps no text of its own (content=''): taking a row out names its terms again,
// which come from the texts search_docs keeps (an eighth of the bytes of the terms).
constexpr char kAddTerms[] = "INSERT INTO search_fts (rowid, terms) VALUES (?, ?)";
constexpr char kRemoveTerms[] =
    "INSERT INTO search_fts (search_fts, rowid, terms) VALUES ('delete', ?, ?)";
// FTS5 merges no segments in writes (migration 4: automerge 0); the search.merge job does,
// this many pages a transaction (about 15 ms at 10⁶ customers).
constexpr char kMergeStep[] = "INSERT INTO search_fts (search_fts, rank) VALUES ('merge', 100)";
constexpr char kTotalChanges[] = "SELECT total_changes()";
constexpr char kCountMatches[] =
    "SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT ?)";

// One FTS5 token per term: the kind first, so that kinds never meet in a query, and no space
// (the tokenizer keeps ':', '.' and '_' inside tokens; see the search module's migration 2).
void AppendToken(const std::string& kind, const std::string& term, std::string* text) {
  const std::size_t start = text->size();
  text->append(kind).append(".").append(term);
  std::replace(text->begin() + static_cast<std::ptrdiff_t>(start), text->end(), ' ', '_');
}

std::string Token(const std::string& kind, const std::string& term) {
  std::string token;
  AppendToken(kind, term, &token);
  return token;
}

std::string TermsText(const std::string& kind, const SearchDocument& document) {
  std::string text;
  text.reserve(1024);
  for (const auto& term : TermsOf(document)) {
    if (!text.empty()) {
      text.push_back(' ');
    }
    AppendToken(kind, term, &text);
  }
  return text;
}

// "a" AND "b" * …: every token quoted, so nothing of the query is FTS5 syntax.
std::string MatchExpression(const std::string& kind, const std::vector<TermMatch>& terms) {
  std::string expression;
  for (const auto& term : terms) {
    std::string quoted = "\"";
    for (const char c : Token(kind, term.term)) {
      quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    quoted += term.prefix ? "\" *" : "\"";
    expression += (expression.empty() ? "" : " AND ") + quoted;
  }
  return expression;
}

struct HeldDocument {
  std::int64_t row = 0;
  std::string org_code;
  std::string texts;  // TextsRecord
};

}  // namespace

// Each "t" (IndexTerms) or "w" (WholeTerm), its length in bytes, ':' and the text, so any
// byte may appear in a text.
std::string TextsRecord(const SearchDocument& document) {
  std::string record;
  const auto add = [&record](char mark, const std::string& text) {
    record += mark + std::to_string(text.size()) + ':' + text;
  };
  for (const auto& text : document.texts) {
    add('t', text);
  }
  for (const auto& text : document.whole_texts) {
    add('w', text);
  }
  return record;
}

SearchDocument FromTextsRecord(std::string_view record) {
  SearchDocument document;
  std::size_t at = 0;
  while (at < record.size()) {
    const char mark = record[at];
    const std::size_t colon = record.find(':', at);
    std::size_t size = 0;
    // As TextsRecord writes it: every "t" before any "w", a length of at least one digit
    // and no leading zero.
    if ((mark != 't' && mark != 'w') || (mark == 't' && !document.whole_texts.empty()) ||
        colon == std::string_view::npos || colon == at + 1 ||
        (record[at + 1] == '0' && colon > at + 2)) {
      break;
    }
    for (std::size_t i = at + 1; i < colon; ++i) {
      if (record[i] < '0' || record[i] > '9' || size > record.size()) {
        return document;
      }
      size = size * 10 + static_cast<std::size_t>(record[i] - '0');
    }
    if (size > record.size() - colon - 1) {
      break;
    }
    (mark == 't' ? document.texts : document.whole_texts)
        .emplace_back(record.substr(colon + 1, size));
    at = colon + 1 + size;
  }
  return document;
}

void WriteFtsDocuments(storage::Session& session, const std::string& kind,
                       const std::vector<SearchDocument>& documents) {
  std::vector<std::string> ids;
  for (const auto& document : documents) {
    ids.push_back(document.id);
  }
  std::map<std::string, HeldDocument> held;
  storage::QueryRowsForIds(session, kHeldDocs, ids, kOfKind, {kind},
                           [&held](const storage::RowView& row) {
                             held[std::string(row.Text(0))] = {row.Int(1), std::string(row.Text(2)),
                                                               std::string(row.Text(3))};
                           });
  // FTS5 keeps a transaction's new terms in memory and writes them as one segment at the
  // commit, unless another statement opens a savepoint first: an INSERT into search_docs
  // does, and each would flush a segment of one document (merging those doubled the cost
  // of a sync load). So every row of search_docs first, then every change of the terms.
  struct TermsChange {
    const char* statement;  // kRemoveTerms or kAddTerms
    std::int64_t row;
    std::string terms;
  };
  std::vector<TermsChange> changes;
  for (const auto& document : documents) {
    const auto at = held.find(document.id);
    std::string texts = document.deleted ? "" : TextsRecord(document);
    if (at != held.end()) {
      HeldDocument& before = at->second;
      if (!document.deleted && before.texts == texts && before.org_code == document.org_code) {
        continue;  // most updates leave the indexed texts as they were
      }
      changes.push_back({kRemoveTerms, before.row, TermsText(kind, FromTextsRecord(before.texts))});
      if (document.deleted) {
        session.Execute(kDeleteDoc, {before.row});
        continue;
      }
      session.Execute(kUpdateDoc, {document.org_code, texts, before.row});
      changes.push_back({kAddTerms, before.row, TermsText(kind, document)});
    } else if (!document.deleted) {
      const auto row =
          session.Query(kInsertDoc, {kind, document.id, document.org_code, texts}).ScalarInt();
      changes.push_back({kAddTerms, row, TermsText(kind, document)});
    }
  }
  for (const auto& change : changes) {
    session.Execute(change.statement, {change.row, change.terms});
  }
}

Scanned ScanFts(storage::Session& session, const std::string& kind,
                const std::vector<TermMatch>& terms, const auth::DataScope& scope,
                std::size_t limit) {
  Scanned scanned;
  const std::string match = MatchExpression(kind, terms);
  storage::SqlParams params{match, static_cast<std::int64_t>(kMaxScannedTerms)};
  std::string sql =
      "SELECT d.entity_id FROM (SELECT rowid AS r FROM search_fts WHERE search_fts MATCH ?"
      " LIMIT ?) m JOIN search_docs d ON d.id = m.r";
  if (!scope.IsWholeTree()) {
    sql += " WHERE " + scope.SqlCondition("d.org_code", &params);
  }
  sql += " LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit + 1));
  session.QueryRows(sql, params, [&scanned](const storage::RowView& row) {
    scanned.ids.emplace_back(row.Text(0));
  });
  // Whether the bounded scan stopped early: only asked when the page is not full.
  if (scanned.ids.size() <= limit) {
    scanned.cut =
        session.Query(kCountMatches, {match, static_cast<std::int64_t>(kMaxScannedTerms + 1)})
            .ScalarInt() > static_cast<std::int64_t>(kMaxScannedTerms);
  }
  return scanned;
}

void DropFtsDocuments(storage::Session& session, const std::string& kind) {
  // In batches: a kind may have millions of documents, each with its terms.
  std::int64_t after = 0;
  for (;;) {
    std::vector<std::pair<std::int64_t, std::string>> documents;
    session.QueryRows(kDocsOfKindAfter, {kind, after, kDropBatch},
                      [&documents](const storage::RowView& row) {
                        documents.emplace_back(row.Int(0), std::string(row.Text(1)));
                      });
    for (const auto& [row, texts] : documents) {
      session.Execute(kRemoveTerms, {row, TermsText(kind, FromTextsRecord(texts))});
    }
    if (documents.size() < static_cast<std::size_t>(kDropBatch)) {
      break;
    }
    after = documents.back().first;
  }
  session.Execute(kDeleteDocsOfKind, {kind});
}

bool MergeFtsSegments(storage::Session& session) {
  // The 'merge' command is one change itself; any merging it did adds more (FTS5's docs).
  const auto before = session.Query(kTotalChanges).ScalarInt();
  session.Execute(kMergeStep, {});
  return session.Query(kTotalChanges).ScalarInt() - before >= 2;
}

}  // namespace mams::search::index
