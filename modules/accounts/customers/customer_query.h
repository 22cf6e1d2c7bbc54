#pragma once

#include <string>

#include "modules/accounts/api/customer_record.h"
#include "node/entity/list_window.h"
#include "node/http/http_types.h"
#include "node/http/paging.h"

namespace mams::accounts {

/// The list filters from the query string (q, creditCode, customerNo, org, manager, industry,
/// state, level, valueGrade, relationshipGrade, tag, parentId), shared by the list, the
/// exports and the duplicates report so they always filter alike.
CustomerFilter ReadCustomerFilter(const http::HttpRequest& request);

/// Paging and the sortable fields of customer lists: offsets up to 10,000, deeper pages by
/// cursor (`after`).
const http::PageSpec& CustomerPageSpec();

/// ORDER BY of a parsed page: a column constant, never input.
std::string CustomerOrderBy(const http::PageRequest& page);

/// The window of a parsed page. Throws ApiError 400 naming `after` for a token that is not
/// a cursor of this list in this sort.
entity::ListWindow CustomerWindow(const http::PageRequest& page);

}  // namespace mams::accounts
