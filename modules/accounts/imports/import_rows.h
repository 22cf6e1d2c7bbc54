#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/accounts/contacts/contact_entities.h"
#include "modules/accounts/contacts/contact_service.h"
#include "modules/accounts/customers/customer_service.h"
#include "modules/accounts/grading/revenue_repository.h"
#include "node/tabular/header_index.h"

namespace mams::accounts {

/// What an import file holds.
enum class ImportKind { kCustomers, kContacts, kRevenue };
std::optional<ImportKind> ParseImportKind(std::string_view text);
std::string_view ImportKindName(ImportKind kind);

/// The columns of each kind: canonical (API) names with the Chinese headers of the download
/// templates as aliases.
const std::vector<tabular::CsvColumnSpec>& ImportColumns(ImportKind kind);
/// The header line of the download template (Chinese headers).
std::vector<std::string> TemplateHeader(ImportKind kind);

/// A customer row. Chinese values are accepted where people type them (industry section
/// names, 集团级/省级/本地网级, 潜在/在网/暂停/流失, tags separated by ; or ；).
struct CustomerRow {
  CustomerInput input;
  std::string parent_customer_no;  ///< resolved to parentId by the importer
};
CustomerRow ReadCustomerRow(const tabular::HeaderIndex& header, const tabular::CsvRecord& record);

struct ContactRow {
  std::string customer_no;
  entity::Patch input{ContactEntity().shape()};
};
ContactRow ReadContactRow(const tabular::HeaderIndex& header, const tabular::CsvRecord& record);

struct RevenueRow {
  std::string customer_no;
  RevenueFact fact;  ///< customer_id and org_code filled in by the importer
};
/// Throws ApiError 422 naming the column for a bad month or amount.
RevenueRow ReadRevenueRow(const tabular::HeaderIndex& header, const tabular::CsvRecord& record);

}  // namespace mams::accounts
