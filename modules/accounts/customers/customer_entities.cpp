#include "modules/accounts/customers/customer_entities.h"

#include "modules/accounts/common/reference_data.h"

namespace mams::accounts {
namespace {

using entity::FieldType;
using CustomerField = entity::Field<CustomerRecord>;

entity::JsonValue IndustryName(const CustomerRecord& c, const entity::JsonOptions&) {
  const IndustrySection* industry = FindIndustry(c.industry);
  return std::string(industry != nullptr ? industry->name : "");
}

}  // namespace

// One field per line: the table reads as a table.
// clang-format off
const entity::Entity<CustomerRecord>& CustomerEntity() {
  using C = CustomerRecord;
  static const entity::Entity<CustomerRecord> customers("customers", entity::Sync::kSynced, {
      CustomerField::Of("id", "id", &C::id),
      CustomerField::Of("customer_no", "customerNo", &C::customer_no).Input().Sql("VARCHAR(32)")
          .Headers("客户编号", "Customer no."),
      CustomerField::Of("name", "name", &C::name).Input().Required().MaxLength(200)
          .Headers("客户名称", "Name"),
      CustomerField::Of("credit_code", "creditCode", &C::credit_code).Input().Required()
          .Sql("CHAR(18)").Headers("统一社会信用代码", "Credit code"),
      CustomerField::Of("industry", "industry", &C::industry).Input().Required().Sql("CHAR(1)")
          .Headers("行业", "Industry"),
      CustomerField::Computed("industryName", IndustryName),
      CustomerField::Of("level", "level", &C::level).Input().Required()
          .Enum({"group", "province", "local"}).Headers("管理级别", "Level"),
      CustomerField::Of("org_code", "org", &C::org_code).Input().Required()
          .Headers("归属机构", "Org", {"机构编码"}),
      CustomerField::Of("state", "state", &C::state).Input()
          .Enum({"potential", "active", "suspended", "churned"}).Headers("状态", "State"),
      CustomerField::Of("state_changed_at", "stateChangedAt", &C::state_changed_at)
          .Type(FieldType::kTimestamp),
      CustomerField::Of("value_grade", "valueGrade", &C::value_grade).Enum({"A", "B", "C", "D"})
          .Sql("CHAR(1)", "'D'").Headers("价值等级", "Value grade").ExportOnly(),
      CustomerField::Of("relationship_grade", "relationshipGrade", &C::relationship_grade).Input()
          .Enum({"partner", "functional", "emotional", "drifting"})
          .Headers("关系等级", "Relationship grade"),
      CustomerField::Of("revenue_12m", "revenue12m", &C::revenue_12m).Type(FieldType::kMoney)
          .Sql("BIGINT", "0").Headers("近12月收入(元)", "Revenue 12 months (yuan)").ExportOnly(),
      CustomerField::Of("parent_id", "parentId", &C::parent_id).Input().References("customers"),
      CustomerField::Of("address", "address", &C::address).Input().MaxLength(500)
          .Sql("VARCHAR(500)", "''").Headers("地址", "Address"),
      CustomerField::Of("tags", "tags", &C::tags).Input().Sql("VARCHAR(500)", "''")
          .Headers("标签", "Tags"),
      CustomerField::Of("remarks", "remarks", &C::remarks).Input().Sql("TEXT")
          .Headers("备注", "Remarks").ImportOnly(),
      CustomerField::Of("", "managers", &C::managers).Input(),
      CustomerField::Of("merged_into", "mergedInto", &C::merged_into).References("customers"),
      CustomerField::Of("created_at", "createdAt", &C::created_at).Type(FieldType::kTimestamp)
          .Headers("创建日期", "Created").ExportOnly(),
      CustomerField::Of("created_by", "createdBy", &C::created_by).Sql("VARCHAR(64)"),
      CustomerField::Of("updated_at", "updatedAt", &C::updated_at).Type(FieldType::kTimestamp),
      CustomerField::Of("version", "version", &C::version)});
  return customers;
}

const std::vector<std::string>& CustomerBriefMembers() {
  static const std::vector<std::string> members = {"id", "customerNo", "name", "org", "state"};
  return members;
}

const std::vector<std::string>& CustomerMatchMembers() {
  static const std::vector<std::string> members = {"id", "customerNo", "name"};
  return members;
}

const entity::Entity<CustomerEvent>& CustomerEventEntity() {
  using E = CustomerEvent;
  using Field = entity::Field<CustomerEvent>;
  static const entity::Entity<CustomerEvent> events("customer_events", entity::Sync::kNone, {
      Field::Of("id", "id", &E::id),
      Field::Of("customer_id", "customerId", &E::customer_id),
      Field::Of("at", "at", &E::at),
      Field::Of("actor", "actor", &E::actor),
      Field::Of("action", "action", &E::action),
      Field::Of("summary", "summary", &E::summary),
      Field::Of("changes", "", &E::changes)});
  return events;
}

const entity::Entity<StateChange>& StateChangeEntity() {
  using S = StateChange;
  using Field = entity::Field<StateChange>;
  static const entity::Entity<StateChange> changes("customer_state_changes", entity::Sync::kNone, {
      Field::Of("id", "id", &S::id),
      Field::Of("from_state", "from", &S::from_state),
      Field::Of("to_state", "to", &S::to_state),
      Field::Of("reason", "reason", &S::reason),
      Field::Of("changed_at", "changedAt", &S::changed_at),
      Field::Of("changed_by", "changedBy", &S::changed_by)});
  return changes;
}
// clang-format on

const entity::SyncedTable& CustomerTable() {
  static const entity::SyncedTable table(CustomerEntity().table());
  return table;
}

}  // namespace mams::accounts
