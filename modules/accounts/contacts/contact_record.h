#pragma once

#include <cstdint>
#include <string>

namespace mams::accounts {

/// A person at a customer (联系人). Phones, e-mail, ID number and birthday are personal data:
/// the API masks them unless the caller holds pii:view.
struct ContactRecord {
  std::string id;
  std::string customer_id;
  std::string org_code;  ///< the customer's org (kept equal when the customer moves)
  std::string name;
  std::string role;  ///< decision_maker | finance | technical | daily
  std::string title;
  std::string mobile;
  std::string phone;
  std::string email;
  std::string id_number;
  std::string birthday;                     ///< YYYY-MM-DD or empty
  std::string preferred_channel = "phone";  ///< phone | sms | email | wechat | visit
  std::string remarks;
  std::int64_t version = 1;
  std::string updated_at;
};

/// One entry of the visits and contacts log (走访记录).
struct VisitRecord {
  std::string id;
  std::string customer_id;
  std::string org_code;
  std::string visit_date;  ///< YYYY-MM-DD
  std::string staff_user_id;
  std::string staff_name;
  std::string type;  ///< visit | call | meeting
  std::string content;
  std::string follow_up;
  std::int64_t version = 1;
  std::string updated_at;
};

}  // namespace mams::accounts
