#include "node/entity/list_window.h"

#include "node/common/errors.h"
#include "node/http/paging.h"
#include "node/storage/storage.h"

namespace mams::entity {
namespace {

// The rows after `after` in (column, id) order, with id ascending within equal keys as the
// ORDER BY has it: a range on the column first, so an index on it is used for a seek.
std::string AfterCondition(const ListWindow& window, storage::SqlParams* params) {
  const std::string& column = window.column;
  const char* beyond = window.descending ? " < ?" : " > ?";
  params->push_back(window.after->key);
  params->push_back(window.after->key);
  params->emplace_back(window.after->id);
  return " AND " + column + (window.descending ? " <= ?" : " >= ?") + " AND (" + column +
         beyond + " OR id > ?)";
}

}  // namespace

ListWindow WindowOf(const http::PageRequest& page, std::string column) {
  ListWindow window;
  window.sort = (page.descending ? "-" : "") + page.sort_field;
  window.column = std::move(column);
  window.descending = page.descending;
  window.limit = page.limit;
  window.offset = page.offset;
  if (page.after) {
    window.after = DecodeListCursor(*page.after);
    if (!window.after || window.after->sort != window.sort) {
      throw ApiError(ErrorKind::kBadRequest, "invalid_parameter",
                     "after must be the `next` of this list with the same sort", "after");
    }
  }
  return window;
}

ListTotal CountUpTo(storage::Session& session, const std::string& from_where,
                    const storage::SqlParams& params, std::int64_t bound) {
  if (bound <= 0) {
    return {session.Query("SELECT COUNT(*) " + from_where, params).ScalarInt(), true};
  }
  storage::SqlParams bounded = params;
  bounded.emplace_back(bound + 1);
  const std::int64_t count =
      session.Query("SELECT COUNT(*) FROM (SELECT 1 " + from_where + " LIMIT ?) c", bounded)
          .ScalarInt();
  return count > bound ? ListTotal{bound, false} : ListTotal{count, true};
}

IdPage PageIds(storage::Session& session, const std::string& from_where,
               const storage::SqlParams& params, const ListWindow& window,
               std::int64_t count_bound, std::optional<ListTotal> known_total) {
  storage::SqlParams page_params = params;
  std::string sql = "SELECT id, " + window.column + " " + from_where;
  const int offset = window.after ? 0 : window.offset;
  if (window.after) {
    sql += AfterCondition(window, &page_params);
  }
  sql += " ORDER BY " + window.column + (window.descending ? " DESC" : "") +
         ", id LIMIT ? OFFSET ?";
  // One row more than the page says whether another page follows.
  page_params.emplace_back(std::int64_t{window.limit} + 1);
  page_params.emplace_back(std::int64_t{offset});
  const storage::ResultSet rows = session.Query(sql, page_params);
  IdPage page;
  const std::size_t limit = static_cast<std::size_t>(window.limit);
  for (std::size_t i = 0; i < rows.size() && i < limit; ++i) {
    page.ids.push_back(rows[i].Text(0));
  }
  if (rows.size() > limit) {
    page.next = EncodeListCursor({window.sort, rows[limit - 1].Value(1), page.ids.back()});
  }
  // A first page that is not full is every match: no count needed.
  if (!window.after && offset == 0 && rows.size() <= limit) {
    page.total = {static_cast<std::int64_t>(rows.size()), true};
  } else if (known_total) {
    page.total = *known_total;
  } else {
    page.total = CountUpTo(session, from_where, params, count_bound);
  }
  return page;
}

}  // namespace mams::entity
