#pragma once

#include <string>
#include <vector>

#include "modules/accounts/api/customer_record.h"

namespace mams::accounts {

/// Most rows one export may hold; narrow the filters for more.
inline constexpr int kMaxExportRows = 100000;

/// Customer lists as files (客户清单导出): the columns people read in Excel, headers in
/// Chinese (`english` = false) or English. CSV starts with a BOM so Excel reads UTF-8.
std::string CustomersCsv(const std::vector<CustomerRecord>& customers, bool english);
std::string CustomersXlsx(const std::vector<CustomerRecord>& customers, bool english);

}  // namespace mams::accounts
