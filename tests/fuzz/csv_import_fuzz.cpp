// An uploaded import file as ImportService reads it: DecodeToUtf8 (UTF-8 or GBK), the CSV
// reader, the header index and the row readers of the kind the first byte picks. Refusals
// (ApiError naming the line or column) are the expected outcome; anything else fails.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "modules/accounts/imports/import_rows.h"
#include "node/common/errors.h"
#include "node/tabular/csv_reader.h"
#include "node/tabular/header_index.h"
#include "node/tabular/text_encoding.h"

namespace {

namespace accounts = mams::accounts;
namespace tabular = mams::tabular;

constexpr accounts::ImportKind kKinds[] = {accounts::ImportKind::kCustomers,
                                           accounts::ImportKind::kContacts,
                                           accounts::ImportKind::kRevenue};

void ReadRow(accounts::ImportKind kind, const tabular::HeaderIndex& header,
             const tabular::CsvRecord& record) {
  header.CheckRecord(record);
  switch (kind) {
    case accounts::ImportKind::kCustomers:
      accounts::ReadCustomerRow(header, record);
      break;
    case accounts::ImportKind::kContacts:
      accounts::ReadContactRow(header, record);
      break;
    case accounts::ImportKind::kRevenue:
      accounts::ReadRevenueRow(header, record);
      break;
  }
}

void Import(accounts::ImportKind kind, std::string_view bytes) {
  const tabular::DecodedText text = tabular::DecodeToUtf8(bytes);
  if (tabular::FindInvalidUtf8(text.utf8)) {
    __builtin_trap();  // the decoder's contract: its output is UTF-8
  }
  tabular::CsvReader reader(text.utf8);
  tabular::CsvRecord record;
  if (!reader.Next(&record)) {
    return;
  }
  const tabular::HeaderIndex header(record, accounts::ImportColumns(kind));
  while (reader.Next(&record)) {
    try {
      ReadRow(kind, header, record);
    } catch (const mams::ApiError&) {
      // One bad row is reported and the import goes on with the next.
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const accounts::ImportKind kind = kKinds[data[0] % std::size(kKinds)];
  try {
    Import(kind, std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  } catch (const mams::ApiError&) {
    // The whole file refused (encoding, CSV syntax, columns): expected.
  }
  return 0;
}
