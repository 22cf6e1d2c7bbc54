#include "modules/accounts/contact_entities.h"

namespace mams::accounts {
namespace {

using entity::FieldType;
using entity::Mask;
using ContactField = entity::Field<ContactRecord>;
using VisitField = entity::Field<VisitRecord>;

constexpr std::size_t kNameLength = 100;
constexpr std::size_t kRemarksLength = 500;
constexpr std::size_t kContentLength = 4000;
constexpr std::size_t kFollowUpLength = 1000;

}  // namespace

const entity::Entity<ContactRecord>& ContactEntity() {
  static const entity::Entity<ContactRecord> contacts(
      "contacts", entity::Sync::kSynced,
      {ContactField::Of("id", "id", &ContactRecord::id),
       ContactField::Of("customer_id", "customerId", &ContactRecord::customer_id)
           .References("customers"),
       ContactField::Of("org_code", "", &ContactRecord::org_code),
       ContactField::Of("name", "name", &ContactRecord::name)
           .Input()
           .Required()
           .MaxLength(kNameLength)
           .Headers("姓名", "Name"),
       ContactField::Of("role", "role", &ContactRecord::role)
           .Enum({"decision_maker", "finance", "technical", "daily"})
           .Input()
           .Required()
           .Headers("角色", "Role"),
       ContactField::Of("title", "title", &ContactRecord::title)
           .Input()
           .MaxLength(kNameLength)
           .Headers("职务", "Title"),
       ContactField::Of("mobile", "mobile", &ContactRecord::mobile)
           .Masked(Mask::kPhone)
           .Input()
           .Headers("手机", "Mobile"),
       ContactField::Of("phone", "phone", &ContactRecord::phone)
           .Masked(Mask::kPhone)
           .Input()
           .Headers("电话", "Phone", {"固定电话"}),
       ContactField::Of("email", "email", &ContactRecord::email)
           .Masked(Mask::kEmail)
           .Input()
           .Headers("邮箱", "E-mail", {"电子邮箱"}),
       ContactField::Of("id_number", "idNumber", &ContactRecord::id_number)
           .Masked(Mask::kIdNumber)
           .Input()
           .Headers("身份证号", "ID number"),
       ContactField::Of("birthday", "birthday", &ContactRecord::birthday)
           .Type(FieldType::kDate)
           .Nullable()
           .Masked(Mask::kBirthday)
           .Input()
           .Headers("生日", "Birthday"),
       ContactField::Of("preferred_channel", "preferredChannel", &ContactRecord::preferred_channel)
           .Enum({"phone", "sms", "email", "wechat", "visit"})
           .Input()
           .Headers("首选渠道", "Preferred channel"),
       ContactField::Of("remarks", "remarks", &ContactRecord::remarks)
           .Input()
           .MaxLength(kRemarksLength)
           .Headers("备注", "Remarks"),
       ContactField::Computed("masked",
                              [](const ContactRecord&, const entity::JsonOptions& options) {
                                return entity::JsonValue(!options.show_pii);
                              })
           .Type(FieldType::kBool),
       ContactField::Of("updated_at", "updatedAt", &ContactRecord::updated_at)
           .Type(FieldType::kTimestamp),
       ContactField::Of("version", "version", &ContactRecord::version)});
  return contacts;
}

const entity::SyncedTable& ContactTable() {
  static const entity::SyncedTable table(ContactEntity().table());
  return table;
}

const entity::Entity<VisitRecord>& VisitEntity() {
  static const entity::Entity<VisitRecord> visits(
      "visits", entity::Sync::kSynced,
      {VisitField::Of("id", "id", &VisitRecord::id),
       VisitField::Of("customer_id", "customerId", &VisitRecord::customer_id)
           .References("customers"),
       VisitField::Of("org_code", "", &VisitRecord::org_code),
       VisitField::Of("visit_date", "date", &VisitRecord::visit_date)
           .Type(FieldType::kDate)
           .Input()
           .Required(),
       VisitField::Of("type", "type", &VisitRecord::type)
           .Enum({"visit", "call", "meeting"})
           .Input()
           .Required(),
       VisitField::Of("staff_user_id", "staffUserId", &VisitRecord::staff_user_id)
           .References("users"),
       VisitField::Of("staff_name", "staffName", &VisitRecord::staff_name),
       VisitField::Of("content", "content", &VisitRecord::content)
           .Input()
           .Required()
           .MaxLength(kContentLength)
           .Sql("TEXT"),
       VisitField::Of("follow_up", "followUp", &VisitRecord::follow_up)
           .Input()
           .MaxLength(kFollowUpLength),
       VisitField::Of("updated_at", "updatedAt", &VisitRecord::updated_at)
           .Type(FieldType::kTimestamp),
       VisitField::Of("version", "version", &VisitRecord::version)});
  return visits;
}

const entity::SyncedTable& VisitTable() {
  static const entity::SyncedTable table(VisitEntity().table());
  return table;
}

}  // namespace mams::accounts
