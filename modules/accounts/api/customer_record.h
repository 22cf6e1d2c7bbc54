#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mams::accounts {

/// One major-account customer (大客户) as stored. Money is in fen.
struct CustomerRecord {
  std::string id;
  std::string customer_no;
  std::string name;
  std::optional<std::string> credit_code;
  std::string industry;            ///< GB/T 4754-2017 section letter
  std::string level;               ///< group | province | local
  std::string org_code;
  std::string state;               ///< potential | active | suspended | churned
  std::string state_changed_at;
  std::string value_grade = "D";
  std::optional<std::string> relationship_grade;
  std::int64_t revenue_12m = 0;
  std::optional<std::string> parent_id;
  std::string address;
  std::vector<std::string> tags;
  std::string remarks;
  std::optional<std::string> merged_into;
  std::string created_at;
  std::string created_by;
  std::int64_t version = 1;
  std::string updated_at;
  std::vector<std::string> managers;  ///< user ids of the assigned account managers
};

/// One change of state (客户状态变更记录).
struct StateChange {
  std::string id;
  std::string from_state;
  std::string to_state;
  std::string reason;
  std::string changed_at;
  std::string changed_by;
};

/// Filters of the customer list; every one is optional and they combine with AND.
struct CustomerFilter {
  std::optional<std::string> name;          ///< substring, literally (UTF-8 LIKE): TMF629's name
  std::optional<std::string> search;        ///< the search box, through the index (docs/search.md)
  std::optional<std::string> credit_code;
  std::optional<std::string> customer_no;
  std::optional<std::string> org;           ///< this org and its subtree
  std::optional<std::string> manager;       ///< user id
  std::optional<std::string> industry;
  std::optional<std::string> state;
  std::optional<std::string> level;
  std::optional<std::string> value_grade;
  std::optional<std::string> relationship_grade;
  std::optional<std::string> tag;
  std::optional<std::string> parent_id;     ///< direct branches of a customer
  std::optional<std::string> name_key;      ///< near-duplicates (see NormaliseCompanyName)
};

}  // namespace mams::accounts
