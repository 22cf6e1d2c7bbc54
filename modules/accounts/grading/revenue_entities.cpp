#include "modules/accounts/grading/revenue_entities.h"

namespace mams::accounts {

// clang-format off
const entity::Entity<MonthTotal>& MonthTotalEntity() {
  using Field = entity::Field<MonthTotal>;
  static const entity::Entity<MonthTotal> months({
      Field::Of("month", "month", &MonthTotal::month),
      Field::Of("amount", "amount", &MonthTotal::amount).Type(entity::FieldType::kMoney),
      Field::Of("arrears", "arrears", &MonthTotal::arrears).Type(entity::FieldType::kMoney)});
  return months;
}

const entity::Entity<ProductTotal>& ProductTotalEntity() {
  using Field = entity::Field<ProductTotal>;
  static const entity::Entity<ProductTotal> products({
      Field::Of("product", "product", &ProductTotal::product),
      Field::Of("total", "revenue12m", &ProductTotal::amount).Type(entity::FieldType::kMoney),
      Field::Of("last_month", "lastMonth", &ProductTotal::last_month)});
  return products;
}
// clang-format on

}  // namespace mams::accounts
