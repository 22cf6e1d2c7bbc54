// The search index on MariaDB/MySQL: one row per document in search_docs, its terms spelled as
// the words of an InnoDB FULLTEXT index (docs/search.md, "Index storage").
#include <algorithm>
#include <map>

#include "modules/search/index/index_storage.h"
#include "node/auth/data_scope.h"
#include "node/storage/id_batches.h"
#include "node/storage/storage.h"

namespace mams::search::index {
namespace {

// ids first (storage::QueryRowsForIds).
constexpr char kHeldDocs[] = "SELECT entity_id, org_code, terms FROM search_docs WHERE entity_id IN ";
constexpr char kOfKind[] = " AND kind = ?";
// A later writer of the same entity (the rows it indexes are locked until the earlier one
// commits) may not see the earlier one's row in its snapshot: the insert then updates it.
constexpr char kUpsertDocs[] = "INSERT INTO search_docs (kind, entity_id, org_code, terms) VALUES ";
constexpr char kUpsertTail[] =
    " ON DUPLICATE KEY UPDATE org_code = VALUES(org_code), terms = VALUES(terms)";
constexpr char kDeleteDoc[] = "DELETE FROM search_docs WHERE kind = ? AND entity_id = ?";
constexpr char kDeleteKind[] = "DELETE FROM search_docs WHERE kind = ?";
constexpr char kMatch[] = "MATCH (terms) AGAINST (? IN BOOLEAN MODE)";
constexpr std::size_t kDocsPerInsert = 50;
// InnoDB's longest FULLTEXT word (innodb_ft_max_token_size, 84 by default and at most); its
// shortest (3 by default) is always exceeded, as every word begins with the kind.
constexpr std::size_t kMaxWordChars = 84;

// The FULLTEXT word of a term: its kind, '_', the term's class letter and its text with
// letters and digits kept and every other byte written '_' and two hex digits. InnoDB's
// parser then takes the whole term as one word (letters, digits and '_' only; never a
// stopword), and the spelling goes byte by byte, so a term's prefix is its word's prefix.
std::string Word(const std::string& kind, std::string_view term) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string word;
  const auto put = [&word](unsigned char c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += static_cast<char>(c);
    } else {
      word += '_';
      word += kHex[c >> 4];
      word += kHex[c & 15];
    }
  };
  for (const char c : kind) {
    put(static_cast<unsigned char>(c));
  }
  word += '_';
  // "h:科技": the class letter, then the text after the colon.
  const bool classed = term.size() >= 2 && term[1] == ':';
  if (classed) {
    word += term[0];
  }
  for (std::size_t i = classed ? 2 : 0; i < term.size(); ++i) {
    put(static_cast<unsigned char>(term[i]));
  }
  return word;
}

std::string WordsText(const std::string& kind, const SearchDocument& document) {
  std::string text;
  for (const auto& term : TermsOf(document)) {
    text += (text.empty() ? "" : " ") + Word(kind, term).substr(0, kMaxWordChars);
  }
  return text;
}

// "+a +b*": every word required. Words hold letters, digits and '_' only, so nothing of the
// query is operator syntax. A word cut to the longest InnoDB keeps is matched as a prefix.
std::string MatchExpression(const std::string& kind, const std::vector<TermMatch>& terms) {
  std::string expression;
  for (const auto& term : terms) {
    std::string word = Word(kind, term.term);
    const bool cut = word.size() > kMaxWordChars;
    word.resize(std::min(word.size(), kMaxWordChars));
    expression += (expression.empty() ? "+" : " +") + word + (term.prefix || cut ? "*" : "");
  }
  return expression;
}

struct HeldDocument {
  std::string org_code;
  std::string words;
};

void UpsertDocuments(storage::Session& session, const storage::SqlParams& values, std::size_t rows) {
  std::string sql = kUpsertDocs;
  for (std::size_t i = 0; i < rows; ++i) {
    sql += i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)";
  }
  session.Execute(sql + kUpsertTail, values);
}

}  // namespace

void WriteFulltextDocuments(storage::Session& session, const std::string& kind,
                            const std::vector<SearchDocument>& documents) {
  std::vector<std::string> ids;
  for (const auto& document : documents) {
    ids.push_back(document.id);
  }
  std::map<std::string, HeldDocument> held;
  storage::QueryRowsForIds(session, kHeldDocs, ids, kOfKind, {kind},
                           [&held](const storage::RowView& row) {
                             held[std::string(row.Text(0))] = {std::string(row.Text(1)),
                                                               std::string(row.Text(2))};
                           });
  // Written in key order, as every writer does: two transactions never wait on each other
  // in opposite orders.
  std::map<std::string, std::pair<std::string, std::string>> wanted;  // id: org, words
  for (const auto& document : documents) {
    const auto at = held.find(document.id);
    if (document.deleted) {
      if (at != held.end()) {
        session.Execute(kDeleteDoc, {kind, document.id});
      }
      continue;
    }
    std::string words = WordsText(kind, document);
    if (at != held.end() && at->second.words == words && at->second.org_code == document.org_code) {
      continue;  // most updates leave the indexed texts as they were
    }
    wanted[document.id] = {document.org_code, std::move(words)};
  }
  storage::SqlParams values;
  std::size_t pending = 0;
  for (auto& [id, row] : wanted) {
    values.insert(values.end(), {kind, id, row.first, std::move(row.second)});
    if (++pending == kDocsPerInsert) {
      UpsertDocuments(session, values, pending);
      values.clear();
      pending = 0;
    }
  }
  if (pending > 0) {
    UpsertDocuments(session, values, pending);
  }
}

Scanned ScanFulltext(storage::Session& session, const std::string& kind,
                     const std::vector<TermMatch>& terms, const auth::DataScope& scope,
                     std::size_t limit) {
  Scanned scanned;
  const std::string match = MatchExpression(kind, terms);
  // At most kMaxScannedTerms matches are read, then kept if in scope (as on SQLite).
  storage::SqlParams params{match, static_cast<std::int64_t>(kMaxScannedTerms)};
  std::string sql = std::string("SELECT m.entity_id FROM (SELECT entity_id, org_code FROM search_docs"
                                " WHERE ") + kMatch + " LIMIT ?) m";
  if (!scope.IsWholeTree()) {
    sql += " WHERE " + scope.SqlCondition("m.org_code", &params);
  }
  sql += " LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit + 1));
  session.QueryRows(sql, params, [&scanned](const storage::RowView& row) {
    scanned.ids.emplace_back(row.Text(0));
  });
  // Whether the bounded scan stopped early: only asked when the page is not full.
  if (scanned.ids.size() <= limit) {
    const std::string count = std::string("SELECT COUNT(*) FROM (SELECT 1 FROM search_docs WHERE ") +
                              kMatch + " LIMIT ?) c";
    scanned.cut = session.Query(count, {match, static_cast<std::int64_t>(kMaxScannedTerms + 1)})
                      .ScalarInt() > static_cast<std::int64_t>(kMaxScannedTerms);
  }
  return scanned;
}

void DropFulltextDocuments(storage::Session& session, const std::string& kind) {
  session.Execute(kDeleteKind, {kind});
}

}  // namespace mams::search::index
