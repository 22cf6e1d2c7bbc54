#include "modules/accounts/customers/customer_query.h"

#include <map>

namespace mams::accounts {

CustomerFilter ReadCustomerFilter(const http::HttpRequest& request) {
  CustomerFilter filter;
  filter.search = request.Query("q");
  filter.credit_code = request.Query("creditCode");
  filter.customer_no = request.Query("customerNo");
  filter.org = request.Query("org");
  filter.manager = request.Query("manager");
  filter.industry = request.Query("industry");
  filter.state = request.Query("state");
  filter.level = request.Query("level");
  filter.value_grade = request.Query("valueGrade");
  filter.relationship_grade = request.Query("relationshipGrade");
  filter.tag = request.Query("tag");
  filter.parent_id = request.Query("parentId");
  return filter;
}

const http::PageSpec& CustomerPageSpec() {
  static const http::PageSpec kSpec{
      50, 500, {"name", "customerNo", "createdAt", "updatedAt", "revenue12m", "valueGrade"},
      "-updatedAt"};
  return kSpec;
}

std::string CustomerOrderBy(const http::PageRequest& page) {
  static const std::map<std::string, std::string> kSortColumns = {
      {"name", "name"},           {"customerNo", "customer_no"}, {"createdAt", "created_at"},
      {"updatedAt", "updated_at"}, {"revenue12m", "revenue_12m"}, {"valueGrade", "value_grade"}};
  return kSortColumns.at(page.sort_field) + (page.descending ? " DESC" : "") + ", id";
}

}  // namespace mams::accounts
