#include "modules/accounts/views/customer_export.h"

#include "modules/accounts/common/reference_data.h"
#include "modules/accounts/customers/customer_entities.h"
#include "modules/accounts/customers/customer_repository.h"
#include "node/tabular/csv_writer.h"
#include "node/tabular/xlsx_writer.h"

namespace mams::accounts {
namespace {

using tabular::Cell;
using tabular::ColumnKind;

// The declared export columns, in the order Cells() fills them.
ColumnKind KindOf(const entity::FieldSpec& field) {
  switch (field.type) {
    case entity::FieldType::kMoney:
      return ColumnKind::kMoney;
    case entity::FieldType::kTimestamp:
    case entity::FieldType::kDate:
      return ColumnKind::kDate;
    default:
      return ColumnKind::kText;
  }
}

std::vector<std::string> Header(bool english) {
  return CustomerEntity().shape().ExportHeaders(english ? entity::Language::kEnglish
                                                        : entity::Language::kChinese);
}

std::string IndustryLabel(const std::string& code, bool english) {
  const IndustrySection* section = FindIndustry(code);
  if (section == nullptr) {
    return code;
  }
  return code + " " + (english ? section->name_en : section->name);
}

std::vector<Cell> Cells(const CustomerRecord& c, bool english) {
  std::string tags;
  for (const auto& tag : c.tags) {
    tags += (tags.empty() ? "" : ";") + tag;
  }
  return {Cell::Text(c.customer_no),
          Cell::Text(c.name),
          Cell::Text(c.credit_code.value_or("")),
          Cell::Text(IndustryLabel(c.industry, english)),
          Cell::Text(c.level),
          Cell::Text(c.org_code),
          Cell::Text(c.state),
          Cell::Text(c.value_grade),
          Cell::Text(c.relationship_grade.value_or("")),
          Cell::Number(c.revenue_12m),
          Cell::Text(c.address),
          Cell::Text(tags),
          Cell::Text(c.created_at.substr(0, 10))};
}

std::string Yuan(std::int64_t fen) {
  const bool negative = fen < 0;
  const std::uint64_t magnitude = negative ? static_cast<std::uint64_t>(-(fen + 1)) + 1
                                           : static_cast<std::uint64_t>(fen);
  std::string cents = std::to_string(magnitude % 100);
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." +
         (cents.size() == 1 ? "0" + cents : cents);
}

}  // namespace

std::string CustomersCsv(const std::vector<CustomerRecord>& customers, bool english) {
  std::string csv = std::string(tabular::kUtf8Bom) + tabular::CsvRow(Header(english));
  for (const auto& customer : customers) {
    std::vector<std::string> row;
    for (const auto& cell : Cells(customer, english)) {
      row.push_back(cell.number ? Yuan(*cell.number) : cell.text);
    }
    csv += tabular::CsvRow(row);
  }
  return csv;
}

std::string CustomersXlsx(const std::vector<CustomerRecord>& customers, bool english) {
  tabular::Sheet sheet;
  sheet.name = english ? "Customers" : "客户清单";
  const auto header = Header(english);
  const auto fields = CustomerEntity().shape().ExportFields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    sheet.columns.push_back({header[i], 0, KindOf(*fields[i])});
  }
  sheet.rows.reserve(customers.size());
  for (const auto& customer : customers) {
    sheet.rows.push_back(Cells(customer, english));
  }
  return tabular::WriteXlsx(sheet);
}

}  // namespace mams::accounts
