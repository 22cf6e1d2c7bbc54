#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mams::entity {

/// What a field holds; drives its SQL type, its JSON and OpenAPI type and its input checks.
enum class FieldType {
  kText,
  kInteger,
  kMoney,       ///< integer fen
  kDate,        ///< "YYYY-MM-DD"
  kTimestamp,   ///< ISO-8601 UTC text
  kEnum,        ///< one of FieldSpec::enum_values
  kBool,        ///< stored 0/1
  kStringList,  ///< stored ",a,b," (a LIKE '%,a,%' finds one member); a JSON array of strings
  kReference,   ///< the id of a row elsewhere; FieldSpec::reference says where
};

/// How a field is shown to a caller without pii:view (node/privacy/masking.h).
enum class Mask { kNone, kPhone, kEmail, kIdNumber, kBirthday };

/// Options of one JSON rendering.
struct JsonOptions {
  bool show_pii = true;     ///< false: masked fields are masked
  std::int64_t now_ms = 0;  ///< for fields computed against the clock
};

/// Everything a field is apart from where its record keeps it: the single declaration the
/// SELECT list, the JSON, the input checks, import/export headers, OpenAPI and DDL come from.
struct FieldSpec {
  std::string column;  ///< empty: not a column of the table (computed or kept elsewhere)
  std::string json;    ///< empty: never shown in JSON (secrets, bookkeeping)
  FieldType type = FieldType::kText;
  bool nullable = false;       ///< NULL stored for an absent value (optional, or empty kDate)
  bool required = false;       ///< an input must carry it on create
  bool input = false;          ///< accepted in request bodies (the allow-list)
  bool output = true;          ///< shown in JSON (false: an input only, e.g. a password)
  std::size_t max_length = 0;  ///< characters; 0: unchecked
  std::vector<std::string> enum_values;  ///< for kEnum
  Mask mask = Mask::kNone;
  std::string reference;                    ///< for kReference: the table the id names
  std::vector<std::string> import_aliases;  ///< further CSV/XLSX headers read as this field
  std::string header_zh;                    ///< export header, Chinese
  std::string header_en;                    ///< export header, English
  bool exported = true;                     ///< a column of CSV/XLSX exports when it has headers
  bool imported = true;                     ///< a column of CSV/XLSX imports when it has headers
  std::string sql_type;     ///< DDL type; empty: derived from `type` and `max_length`
  std::string sql_default;  ///< DDL DEFAULT clause value, e.g. "''" or "0"; empty: none
};

/// `text` as a caller without pii:view sees it under `mask`.
std::string ApplyMask(Mask mask, std::string_view text);

/// ",a,b," for {"a","b"}; "" for none.
std::string JoinList(const std::vector<std::string>& items);
/// The members of a stored list (empty members skipped).
std::vector<std::string> SplitList(std::string_view stored);

}  // namespace mams::entity
