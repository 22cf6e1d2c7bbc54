#include "modules/accounts/views/customer_export.h"

#include "modules/accounts/customers/customer_repository.h"
#include "modules/accounts/common/reference_data.h"
#include "node/tabular/csv_writer.h"
#include "node/tabular/xlsx_writer.h"

namespace mams::accounts {
namespace {

using tabular::Cell;
using tabular::ColumnKind;

struct ExportColumn {
  const char* zh;
  const char* en;
  ColumnKind kind;
};

const ExportColumn kColumns[] = {
    {"客户编号", "Customer no.", ColumnKind::kText},
    {"客户名称", "Name", ColumnKind::kText},
    {"统一社会信用代码", "Credit code", ColumnKind::kText},
    {"行业", "Industry", ColumnKind::kText},
    {"管理级别", "Level", ColumnKind::kText},
    {"归属机构", "Org", ColumnKind::kText},
    {"状态", "State", ColumnKind::kText},
    {"价值等级", "Value grade", ColumnKind::kText},
    {"关系等级", "Relationship grade", ColumnKind::kText},
    {"近12月收入(元)", "Revenue 12 months (yuan)", ColumnKind::kMoney},
    {"地址", "Address", ColumnKind::kText},
    {"标签", "Tags", ColumnKind::kText},
    {"创建日期", "Created", ColumnKind::kDate},
};

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
  std::vector<std::string> header;
  for (const auto& column : kColumns) {
    header.emplace_back(english ? column.en : column.zh);
  }
  std::string csv = std::string(tabular::kUtf8Bom) + tabular::CsvRow(header);
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
  for (const auto& column : kColumns) {
    sheet.columns.push_back({english ? column.en : column.zh, 0, column.kind});
  }
  sheet.rows.reserve(customers.size());
  for (const auto& customer : customers) {
    sheet.rows.push_back(Cells(customer, english));
  }
  return tabular::WriteXlsx(sheet);
}

}  // namespace mams::accounts
