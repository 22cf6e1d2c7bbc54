#include "modules/accounts/imports/import_rows.h"

#include <map>

#include "modules/accounts/common/field_rules.h"
#include "modules/accounts/common/reference_data.h"
#include "modules/accounts/contacts/contact_entities.h"
#include "modules/accounts/customers/customer_entities.h"
#include "node/common/enum_names.h"
#include "node/common/errors.h"

namespace mams::accounts {
namespace {

using tabular::CsvColumnSpec;

constexpr EnumName<ImportKind> kKindNames[] = {
    {ImportKind::kCustomers, "customers"},
    {ImportKind::kContacts, "contacts"},
    {ImportKind::kRevenue, "revenue"},
};

const std::vector<CsvColumnSpec> kRevenueColumns = {
    {"customerNo", {"客户编号"}, true}, {"product", {"产品"}, true},
    {"month", {"月份", "账期"}, true},  {"amount", {"收入", "收入(元)", "金额"}, true},
    {"arrears", {"欠费", "欠费(元)"}, false},
};

// Chinese spellings people type in spreadsheets, to the API's values.
const std::map<std::string, std::string, std::less<>> kLevelWords = {
    {"集团级", "group"}, {"省级", "province"}, {"本地网级", "local"}};
const std::map<std::string, std::string, std::less<>> kStateWords = {
    {"潜在", "potential"}, {"在网", "active"}, {"活跃", "active"},
    {"暂停", "suspended"}, {"流失", "churned"}};
const std::map<std::string, std::string, std::less<>> kGradeWords = {
    {"合作伙伴型", "partner"}, {"功能型", "functional"}, {"情感型", "emotional"},
    {"游离型", "drifting"}};
const std::map<std::string, std::string, std::less<>> kRoleWords = {
    {"决策人", "decision_maker"}, {"财务", "finance"}, {"技术", "technical"},
    {"日常联系人", "daily"}};
const std::map<std::string, std::string, std::less<>> kChannelWords = {
    {"电话", "phone"}, {"短信", "sms"}, {"邮件", "email"}, {"微信", "wechat"}, {"拜访", "visit"}};

std::string Trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) {
    ++begin;
  }
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) {
    --end;
  }
  return std::string(text.substr(begin, end - begin));
}

// The trimmed value, or nullopt when the cell is empty (the field keeps its default).
std::optional<std::string> Cell(const tabular::HeaderIndex& header,
                                const tabular::CsvRecord& record, std::string_view column) {
  std::string value = Trim(header.Get(record, column));
  return value.empty() ? std::nullopt : std::optional<std::string>(std::move(value));
}

std::optional<std::string> Translated(
    std::optional<std::string> value,
    const std::map<std::string, std::string, std::less<>>& words) {
  if (value) {
    const auto found = words.find(*value);
    if (found != words.end()) {
      return found->second;
    }
  }
  return value;
}

std::optional<std::string> IndustryCode(std::optional<std::string> value) {
  if (value && value->size() > 1) {
    for (const auto& section : IndustrySections()) {
      if (*value == section.name) {
        return std::string(1, section.code);
      }
    }
  }
  if (value && value->size() == 1) {
    value->front() = static_cast<char>(std::toupper(static_cast<unsigned char>(value->front())));
  }
  return value;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::string current;
  auto flush = [&] {
    std::string item = Trim(current);
    if (!item.empty()) {
      items.push_back(std::move(item));
    }
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ';') {
      flush();
    } else if (text.compare(i, 3, "；") == 0) {
      flush();
      i += 2;
    } else {
      current.push_back(text[i]);
    }
  }
  flush();
  return items;
}

// The customer's declared import columns, then its parent by customer number.
const std::vector<CsvColumnSpec>& CustomerColumns() {
  static const std::vector<CsvColumnSpec> columns = [] {
    std::vector<CsvColumnSpec> all = CustomerEntity().shape().ImportColumns();
    all.push_back({"parentCustomerNo", {"上级客户编号"}, false});
    return all;
  }();
  return columns;
}

ApiError Invalid(const std::string& column, const std::string& message) {
  return ApiError(ErrorKind::kUnprocessable, "invalid_" + column, message, column);
}

}  // namespace

std::optional<ImportKind> ParseImportKind(std::string_view text) {
  return ParseEnum(kKindNames, text);
}

std::string_view ImportKindName(ImportKind kind) { return NameOf(kKindNames, kind); }

const std::vector<CsvColumnSpec>& ImportColumns(ImportKind kind) {
  switch (kind) {
    case ImportKind::kCustomers:
      return CustomerColumns();
    case ImportKind::kContacts: {
      // The customer a contact belongs to, then the contact's own declared columns.
      static const std::vector<CsvColumnSpec> contact_columns = [] {
        std::vector<CsvColumnSpec> columns = {{"customerNo", {"客户编号"}, true}};
        for (auto& column : ContactEntity().shape().ImportColumns()) {
          columns.push_back(std::move(column));
        }
        return columns;
      }();
      return contact_columns;
    }
    case ImportKind::kRevenue:
      return kRevenueColumns;
  }
  return CustomerColumns();
}

std::vector<std::string> TemplateHeader(ImportKind kind) {
  std::vector<std::string> header;
  for (const auto& column : ImportColumns(kind)) {
    header.push_back(column.aliases.front());
  }
  return header;
}

CustomerRow ReadCustomerRow(const tabular::HeaderIndex& header, const tabular::CsvRecord& record) {
  CustomerRow row;
  CustomerInput& in = row.input;
  in.customer_no = Cell(header, record, "customerNo");
  in.name = Cell(header, record, "name");
  in.credit_code = Cell(header, record, "creditCode");
  in.industry = IndustryCode(Cell(header, record, "industry"));
  in.level = Translated(Cell(header, record, "level"), kLevelWords);
  in.org = Cell(header, record, "org");
  in.state = Translated(Cell(header, record, "state"), kStateWords);
  in.relationship_grade = Translated(Cell(header, record, "relationshipGrade"), kGradeWords);
  in.address = Cell(header, record, "address");
  in.remarks = Cell(header, record, "remarks");
  if (const auto tags = Cell(header, record, "tags")) {
    in.tags = SplitList(*tags);
  }
  row.parent_customer_no = Cell(header, record, "parentCustomerNo").value_or("");
  return row;
}

ContactRow ReadContactRow(const tabular::HeaderIndex& header, const tabular::CsvRecord& record) {
  ContactRow row;
  row.customer_no = Cell(header, record, "customerNo").value_or("");
  // Every input field of a contact is a column of the file, under its API name.
  for (const std::string& json : ContactEntity().shape().InputNames()) {
    auto value = Cell(header, record, json);
    if (json == "role") {
      value = Translated(std::move(value), kRoleWords);
    } else if (json == "preferredChannel") {
      value = Translated(std::move(value), kChannelWords);
    }
    if (value) {
      row.input.Set(json, std::move(*value));
    }
  }
  return row;
}

RevenueRow ReadRevenueRow(const tabular::HeaderIndex& header, const tabular::CsvRecord& record) {
  RevenueRow row;
  row.customer_no = Cell(header, record, "customerNo").value_or("");
  row.fact.product = Cell(header, record, "product").value_or("");
  RequireNoControlCharacters(row.fact.product, TextLines::kSingle, "product");
  if (row.fact.product.empty() || Utf8Length(row.fact.product) > 64) {
    throw Invalid("product", "product: 1-64 characters");
  }
  std::string month = Cell(header, record, "month").value_or("");
  if (month.size() == 6 && month.find_first_not_of("0123456789") == std::string::npos) {
    month.insert(4, "-");  // 202610, as billing systems write it
  } else if (month.size() == 7 && month[4] == '/') {
    month[4] = '-';
  }
  if (!IsValidMonth(month)) {
    throw Invalid("month", "month: YYYY-MM (e.g. 2026-10)");
  }
  row.fact.month = month;
  long long fen = 0;
  if (!ParseYuanToFen(Cell(header, record, "amount").value_or(""), &fen)) {
    throw Invalid("amount", "amount: yuan with at most 2 decimals");
  }
  row.fact.amount = fen;
  const auto arrears = Cell(header, record, "arrears");
  if (arrears && (!ParseYuanToFen(*arrears, &fen) || fen < 0)) {
    throw Invalid("arrears", "arrears: yuan with at most 2 decimals, not negative");
  }
  row.fact.arrears = arrears ? fen : 0;
  return row;
}

}  // namespace mams::accounts
