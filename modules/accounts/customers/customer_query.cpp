#include "modules/accounts/customers/customer_query.h"

#include <map>
#include <utility>

namespace mams::accounts {

CustomerFilter ReadCustomerFilter(const http::HttpRequest& request) {
  using Member = std::optional<std::string> CustomerFilter::*;
  // Query parameter and the filter it sets.
  static const std::pair<const char*, Member> kParameters[] = {
      {"q", &CustomerFilter::search},
      {"creditCode", &CustomerFilter::credit_code},
      {"customerNo", &CustomerFilter::customer_no},
      {"org", &CustomerFilter::org},
      {"manager", &CustomerFilter::manager},
      {"industry", &CustomerFilter::industry},
      {"state", &CustomerFilter::state},
      {"level", &CustomerFilter::level},
      {"valueGrade", &CustomerFilter::value_grade},
      {"relationshipGrade", &CustomerFilter::relationship_grade},
      {"tag", &CustomerFilter::tag},
      {"parentId", &CustomerFilter::parent_id}};
  CustomerFilter filter;
  for (const auto& [parameter, member] : kParameters) {
    filter.*member = request.Query(parameter);
  }
  return filter;
}

namespace {

// How deep an offset may reach: each skipped row is read, so deeper pages go by cursor.
constexpr int kMaxOffset = 10000;

// The column of each sort field (all NOT NULL, as keyset paging needs).
const std::string& SortColumn(const std::string& field) {
  static const std::map<std::string, std::string> kSortColumns = {
      {"name", "name"},           {"customerNo", "customer_no"}, {"createdAt", "created_at"},
      {"updatedAt", "updated_at"}, {"revenue12m", "revenue_12m"}, {"valueGrade", "value_grade"}};
  return kSortColumns.at(field);
}

}  // namespace

const http::PageSpec& CustomerPageSpec() {
  static const http::PageSpec kSpec{
      50,          500, {"name", "customerNo", "createdAt", "updatedAt", "revenue12m", "valueGrade"},
      "-updatedAt", kMaxOffset, true};
  return kSpec;
}

std::string CustomerOrderBy(const http::PageRequest& page) {
  return SortColumn(page.sort_field) + (page.descending ? " DESC" : "") + ", id";
}

entity::ListWindow CustomerWindow(const http::PageRequest& page) {
  return entity::WindowOf(page, SortColumn(page.sort_field));
}

}  // namespace mams::accounts
