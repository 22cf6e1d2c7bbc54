// The search index on MariaDB/MySQL: one row per (kind, term, org, id) in search_terms
// (docs/search.md, "Index storage").
#include <algorithm>
#include <iterator>
#include <set>
#include <tuple>

#include "modules/search/index/index_storage.h"
#include "node/auth/data_scope.h"
#include "node/storage/dialect.h"
#include "node/storage/id_batches.h"
#include "node/storage/storage.h"

namespace mams::search::index {
namespace {

// What the index holds for a batch of documents: ids first (storage::QueryRowsForIds).
constexpr char kHeldTerms[] = "SELECT entity_id, term, org_code FROM search_terms WHERE entity_id IN ";
constexpr char kHeldTermsOfKind[] = " AND kind = ?";
// By the whole primary key: locks that row alone, never a range (docs/search.md, "Writes").
constexpr char kDeleteTerm[] =
    "DELETE FROM search_terms WHERE kind = ? AND term = ? AND org_code = ? AND entity_id = ?";
constexpr char kDeleteKind[] = "DELETE FROM search_terms WHERE kind = ?";
constexpr std::size_t kTermsPerInsert = 32;
// Above every code point, so `term < prefix + kAfterPrefix` keeps exactly the terms that
// start with `prefix` (byte order is code point order in UTF-8, on both backends' binary
// collations).
constexpr char kAfterPrefix[] = "\xF4\x8F\xBF\xBF";

// One index row, ordered as the primary key (kind aside): writes in key order.
using TermRow = std::tuple<std::string, std::string, std::string>;  // term, org, entity id

// INSERT that keeps a row already there: a concurrent writer of the same entity may have
// added it after this transaction's snapshot.
std::string InsertTermsSql(const storage::Dialect& dialect, std::size_t rows) {
  std::string sql = dialect.InsertIgnore("search_terms", {"kind", "term", "org_code", "entity_id"});
  for (std::size_t i = 1; i < rows; ++i) {
    sql += ", (?, ?, ?, ?)";
  }
  return sql;
}

void InsertTerms(storage::Session& session, const std::string& kind, const std::set<TermRow>& rows) {
  const std::string many = InsertTermsSql(session.dialect(), kTermsPerInsert);
  storage::SqlParams values;
  std::size_t pending = 0;
  auto flush = [&] {
    session.Execute(pending == kTermsPerInsert ? many : InsertTermsSql(session.dialect(), pending),
                    values);
    values.clear();
    pending = 0;
  };
  for (const auto& [term, org, id] : rows) {
    values.insert(values.end(), {kind, term, org, id});
    if (++pending == kTermsPerInsert) {
      flush();
    }
  }
  if (pending > 0) {
    flush();
  }
}

// "term = ?" or a prefix range, with its values.
std::string TermCondition(std::string_view alias, const TermMatch& match,
                          storage::SqlParams* params) {
  const std::string column = std::string(alias) + ".term";
  if (!match.prefix) {
    params->emplace_back(match.term);
    return column + " = ?";
  }
  params->emplace_back(match.term);
  params->emplace_back(match.term + kAfterPrefix);
  return column + " >= ? AND " + column + " < ?";
}

// The term an alternative's scan starts from: a whole term over a prefix, then Chinese over
// words, numbers, pinyin and initials (in that order they tend to narrow), then the longest.
const TermMatch& MostSelective(const std::vector<TermMatch>& terms) {
  auto rank = [](const TermMatch& t) {
    static const std::string kOrder = "htwpi";
    return std::make_tuple(t.prefix, kOrder.find(t.term[0]), -static_cast<int>(t.term.size()));
  };
  return *std::min_element(terms.begin(), terms.end(),
                           [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
}

// EXISTS for every term of an alternative but `skip`, on the entity `id_expression`.
std::string OtherTerms(const std::string& kind, const std::vector<TermMatch>& terms,
                       const TermMatch* skip, std::string_view id_expression,
                       storage::SqlParams* params) {
  std::string sql;
  int n = 0;
  for (const auto& term : terms) {
    if (&term == skip) {
      continue;
    }
    const std::string alias = "x" + std::to_string(n++);
    params->emplace_back(kind);
    sql += std::string(sql.empty() ? "" : " AND ") + "EXISTS (SELECT 1 FROM search_terms " +
           alias + " WHERE " + alias + ".kind = ? AND " + alias + ".entity_id = " +
           std::string(id_expression) + " AND " + TermCondition(alias, term, params) + ")";
  }
  return sql;
}

}  // namespace

void WriteTermRows(storage::Session& session, const std::string& kind,
                   const std::vector<SearchDocument>& documents) {
  std::vector<std::string> ids;
  std::set<TermRow> wanted;
  for (const auto& document : documents) {
    ids.push_back(document.id);
    if (!document.deleted) {
      for (auto& term : TermsOf(document)) {
        wanted.emplace(std::move(term), document.org_code, document.id);
      }
    }
  }
  std::set<TermRow> held;
  storage::QueryRowsForIds(session, kHeldTerms, ids, kHeldTermsOfKind, {kind},
                           [&held](const storage::RowView& row) {
                             held.emplace(row.Text(1), row.Text(2), row.Text(0));
                           });
  // Only the difference is written: most updates leave the indexed texts as they were.
  for (const auto& row : held) {
    if (wanted.count(row) == 0) {
      session.Execute(kDeleteTerm, {kind, std::get<0>(row), std::get<1>(row), std::get<2>(row)});
    }
  }
  std::set<TermRow> missing;
  std::set_difference(wanted.begin(), wanted.end(), held.begin(), held.end(),
                      std::inserter(missing, missing.end()));
  InsertTerms(session, kind, missing);
}

Scanned ScanTermRows(storage::Session& session, const std::string& kind,
                     const std::vector<TermMatch>& terms, const auth::DataScope& scope,
                     std::size_t limit) {
  Scanned scanned;
  const auto& driver = MostSelective(terms);
  storage::SqlParams params{kind};
  std::string scan = "SELECT d.entity_id FROM search_terms d WHERE d.kind = ? AND " +
                     TermCondition("d", driver, &params);
  if (!scope.IsWholeTree()) {
    scan += " AND " + scope.SqlCondition("d.org_code", &params);
  }
  params.emplace_back(static_cast<std::int64_t>(kMaxScannedTerms));
  std::string sql = "SELECT DISTINCT s.entity_id FROM (" + scan + " LIMIT ?) s";
  const std::string others = OtherTerms(kind, terms, &driver, "s.entity_id", &params);
  if (!others.empty()) {
    sql += " WHERE " + others;
  }
  params.emplace_back(static_cast<std::int64_t>(limit + 1));
  sql += " LIMIT ?";
  session.QueryRows(sql, params, [&scanned](const storage::RowView& row) {
    scanned.ids.emplace_back(row.Text(0));
  });
  // Whether the scan met its bound: a cheap second look, only for broad queries.
  if (scanned.ids.size() <= limit) {
    storage::SqlParams count_params{kind};
    std::string count = "SELECT COUNT(*) FROM (SELECT 1 FROM search_terms d WHERE d.kind = ? AND " +
                        TermCondition("d", driver, &count_params);
    count_params.emplace_back(static_cast<std::int64_t>(kMaxScannedTerms + 1));
    count += " LIMIT ?) c";
    scanned.cut = session.Query(count, count_params).ScalarInt() >
                  static_cast<std::int64_t>(kMaxScannedTerms);
  }
  return scanned;
}

void DropTermRows(storage::Session& session, const std::string& kind) {
  session.Execute(kDeleteKind, {kind});
}

}  // namespace mams::search::index
