#include "modules/accounts/contacts/contact_entities.h"

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

entity::JsonValue Masked(const ContactRecord&, const entity::JsonOptions& options) {
  return !options.show_pii;
}

}  // namespace

// One field per line: the table reads as a table.
// clang-format off
const entity::Entity<ContactRecord>& ContactEntity() {
  using C = ContactRecord;
  static const entity::Entity<ContactRecord> contacts("contacts", entity::Sync::kSynced, {
      ContactField::Of("id", "id", &C::id),
      ContactField::Of("customer_id", "customerId", &C::customer_id).References("customers"),
      ContactField::Of("org_code", "", &C::org_code),
      ContactField::Of("name", "name", &C::name).Input().Required().MaxLength(kNameLength)
          .Headers("姓名", "Name"),
      ContactField::Of("role", "role", &C::role).Input().Required()
          .Enum({"decision_maker", "finance", "technical", "daily"}).Headers("角色", "Role"),
      ContactField::Of("title", "title", &C::title).Input().MaxLength(kNameLength)
          .Headers("职务", "Title"),
      ContactField::Of("mobile", "mobile", &C::mobile).Input().Masked(Mask::kPhone)
          .Headers("手机", "Mobile"),
      ContactField::Of("phone", "phone", &C::phone).Input().Masked(Mask::kPhone)
          .Headers("电话", "Phone", {"固定电话"}),
      ContactField::Of("email", "email", &C::email).Input().Masked(Mask::kEmail)
          .Headers("邮箱", "E-mail", {"电子邮箱"}),
      ContactField::Of("id_number", "idNumber", &C::id_number).Input().Masked(Mask::kIdNumber)
          .Headers("身份证号", "ID number"),
      ContactField::Of("birthday", "birthday", &C::birthday).Input().Type(FieldType::kDate)
          .Nullable().Masked(Mask::kBirthday).Headers("生日", "Birthday"),
      ContactField::Of("preferred_channel", "preferredChannel", &C::preferred_channel).Input()
          .Enum({"phone", "sms", "email", "wechat", "visit"}).Headers("首选渠道", "Preferred channel"),
      ContactField::Of("remarks", "remarks", &C::remarks).Input().MaxLength(kRemarksLength)
          .Headers("备注", "Remarks"),
      ContactField::Computed("masked", Masked).Type(FieldType::kBool),
      ContactField::Of("updated_at", "updatedAt", &C::updated_at).Type(FieldType::kTimestamp),
      ContactField::Of("version", "version", &C::version)});
  return contacts;
}
// clang-format on

const entity::SyncedTable& ContactTable() {
  static const entity::SyncedTable table(ContactEntity().table());
  return table;
}

// clang-format off
const entity::Entity<VisitRecord>& VisitEntity() {
  using V = VisitRecord;
  static const entity::Entity<VisitRecord> visits("visits", entity::Sync::kSynced, {
      VisitField::Of("id", "id", &V::id),
      VisitField::Of("customer_id", "customerId", &V::customer_id).References("customers"),
      VisitField::Of("org_code", "", &V::org_code),
      VisitField::Of("visit_date", "date", &V::visit_date).Input().Required()
          .Type(FieldType::kDate),
      VisitField::Of("type", "type", &V::type).Input().Required()
          .Enum({"visit", "call", "meeting"}),
      VisitField::Of("staff_user_id", "staffUserId", &V::staff_user_id).References("users"),
      VisitField::Of("staff_name", "staffName", &V::staff_name),
      VisitField::Of("content", "content", &V::content).Input().Required()
          .MaxLength(kContentLength).Sql("TEXT"),
      VisitField::Of("follow_up", "followUp", &V::follow_up).Input().MaxLength(kFollowUpLength),
      VisitField::Of("updated_at", "updatedAt", &V::updated_at).Type(FieldType::kTimestamp),
      VisitField::Of("version", "version", &V::version)});
  return visits;
}
// clang-format on

const entity::SyncedTable& VisitTable() {
  static const entity::SyncedTable table(VisitEntity().table());
  return table;
}

}  // namespace mams::accounts
