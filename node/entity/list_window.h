#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "node/entity/list_cursor.h"
#include "node/storage/result_set.h"

namespace mams::http {
struct PageRequest;
}
namespace mams::storage {
class Session;
}

namespace mams::entity {

/// Which page of a list to read: its order (one NOT NULL integer or text column, then id
/// as the tie breaker) and where the page starts, by offset or after a cursor.
struct ListWindow {
  std::string sort;    ///< as the API names it ("-updatedAt"); cursors carry it
  std::string column;  ///< the column it sorts by: a constant, never input
  bool descending = false;
  int limit = 50;
  int offset = 0;                   ///< ignored when `after` is set
  std::optional<ListCursor> after;  ///< start after this row instead
};

/// How many rows match: exactly, or at least `count` when counting stopped at its bound.
struct ListTotal {
  std::int64_t count = 0;
  bool exact = true;
};

/// The ids of one page, in order, with the total and the cursor of the page that follows.
struct IdPage {
  std::vector<std::string> ids;
  ListTotal total;
  std::optional<std::string> next;  ///< absent on the last page
};

/// The window a parsed page asks for over `column`. Throws ApiError 400 naming `after`
/// when its token is not a cursor of this list in this sort.
ListWindow WindowOf(const http::PageRequest& page, std::string column);

/// Counts the rows of `from_where` ("FROM t WHERE …") no further than `bound` + 1: exact
/// below the bound, else {bound, not exact}. A bound of 0 counts every row.
ListTotal CountUpTo(storage::Session& session, const std::string& from_where,
                    const storage::SqlParams& params, std::int64_t bound);

/// One page of ids of `from_where` (whose table has an `id` column and whose WHERE clause
/// is not empty) in the window's order, with its total counted up to `count_bound`, or
/// `known_total` when the caller has counted the matches already (no count statement). A
/// page after a cursor costs what the first page costs (an index on the sort column and id
/// serves it); an offset still skips rows one by one.
IdPage PageIds(storage::Session& session, const std::string& from_where,
               const storage::SqlParams& params, const ListWindow& window,
               std::int64_t count_bound, std::optional<ListTotal> known_total = std::nullopt);

}  // namespace mams::entity
