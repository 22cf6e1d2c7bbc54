#include "modules/accounts/customer_entities.h"

#include "modules/accounts/reference_data.h"

namespace mams::accounts {
namespace {

using entity::FieldType;
using CustomerField = entity::Field<CustomerRecord>;

entity::JsonValue IndustryName(const CustomerRecord& c, const entity::JsonOptions&) {
  const IndustrySection* industry = FindIndustry(c.industry);
  return std::string(industry != nullptr ? industry->name : "");
}

}  // namespace

const entity::Entity<CustomerRecord>& CustomerEntity() {
  static const entity::Entity<CustomerRecord> customers(
      "customers", entity::Sync::kSynced,
      {CustomerField::Of("id", "id", &CustomerRecord::id),
       CustomerField::Of("customer_no", "customerNo", &CustomerRecord::customer_no)
           .Input()
           .Sql("VARCHAR(32)")
           .Headers("客户编号", "Customer no."),
       CustomerField::Of("name", "name", &CustomerRecord::name)
           .Input()
           .Required()
           .MaxLength(200)
           .Headers("客户名称", "Name"),
       CustomerField::Of("credit_code", "creditCode", &CustomerRecord::credit_code)
           .Input()
           .Required()
           .Sql("CHAR(18)")
           .Headers("统一社会信用代码", "Credit code"),
       CustomerField::Of("industry", "industry", &CustomerRecord::industry)
           .Input()
           .Required()
           .Sql("CHAR(1)")
           .Headers("行业", "Industry"),
       CustomerField::Computed("industryName", IndustryName),
       CustomerField::Of("level", "level", &CustomerRecord::level)
           .Enum({"group", "province", "local"})
           .Input()
           .Required()
           .Headers("管理级别", "Level"),
       CustomerField::Of("org_code", "org", &CustomerRecord::org_code)
           .Input()
           .Required()
           .Headers("归属机构", "Org", {"机构编码"}),
       CustomerField::Of("state", "state", &CustomerRecord::state)
           .Enum({"potential", "active", "suspended", "churned"})
           .Input()
           .Headers("状态", "State"),
       CustomerField::Of("state_changed_at", "stateChangedAt", &CustomerRecord::state_changed_at)
           .Type(FieldType::kTimestamp),
       CustomerField::Of("value_grade", "valueGrade", &CustomerRecord::value_grade)
           .Enum({"A", "B", "C", "D"})
           .Sql("CHAR(1)", "'D'")
           .Headers("价值等级", "Value grade")
           .ExportOnly(),
       CustomerField::Of("relationship_grade", "relationshipGrade",
                         &CustomerRecord::relationship_grade)
           .Enum({"partner", "functional", "emotional", "drifting"})
           .Input()
           .Headers("关系等级", "Relationship grade"),
       CustomerField::Of("revenue_12m", "revenue12m", &CustomerRecord::revenue_12m)
           .Type(FieldType::kMoney)
           .Sql("BIGINT", "0")
           .Headers("近12月收入(元)", "Revenue 12 months (yuan)")
           .ExportOnly(),
       CustomerField::Of("parent_id", "parentId", &CustomerRecord::parent_id)
           .References("customers")
           .Input(),
       CustomerField::Of("address", "address", &CustomerRecord::address)
           .Input()
           .MaxLength(500)
           .Sql("VARCHAR(500)", "''")
           .Headers("地址", "Address"),
       CustomerField::Of("tags", "tags", &CustomerRecord::tags)
           .Input()
           .Sql("VARCHAR(500)", "''")
           .Headers("标签", "Tags"),
       CustomerField::Of("remarks", "remarks", &CustomerRecord::remarks)
           .Input()
           .Sql("TEXT")
           .Headers("备注", "Remarks")
           .ImportOnly(),
       CustomerField::Of("", "managers", &CustomerRecord::managers).Input(),
       CustomerField::Of("merged_into", "mergedInto", &CustomerRecord::merged_into)
           .References("customers"),
       CustomerField::Of("created_at", "createdAt", &CustomerRecord::created_at)
           .Type(FieldType::kTimestamp)
           .Headers("创建日期", "Created")
           .ExportOnly(),
       CustomerField::Of("created_by", "createdBy", &CustomerRecord::created_by).Sql("VARCHAR(64)"),
       CustomerField::Of("updated_at", "updatedAt", &CustomerRecord::updated_at)
           .Type(FieldType::kTimestamp),
       CustomerField::Of("version", "version", &CustomerRecord::version)});
  return customers;
}

const entity::SyncedTable& CustomerTable() {
  static const entity::SyncedTable table(CustomerEntity().table());
  return table;
}

}  // namespace mams::accounts
