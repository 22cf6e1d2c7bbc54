// The query string of GET /api/v1/reports/{key}, decoded as a node decodes it (Poco::URI), read
// against a dataset with choice and free-text filters: it is refused with ApiError, or what
// is accepted is only declared filters with allowed values, and its CSV renders. Never a crash.
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "modules/reports/report_request.h"
#include "node/common/errors.h"
#include "node/common/utf8.h"

namespace {

const mams::module::ReportDataset& Dataset() {
  static const mams::module::ReportDataset dataset = [] {
    mams::module::ReportDataset d;
    d.key = "customers.by_org";
    d.columns = {{"org", "机构", "Org"},
                 {"customers", "客户数", "Customers", mams::module::ReportValue::kInteger},
                 {"revenue", "收入", "Revenue", mams::module::ReportValue::kMoney}};
    d.filters = {{"level", "级别", "Level", {{"group", "", ""}, {"local", "", ""}}},
                 {"q", "名称", "Name", {}}};
    return d;
  }();
  return dataset;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string target = "/api/v1/reports/customers.by_org?" +
                             std::string(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string>> query;
  try {
    const Poco::URI uri(target);
    for (auto& parameter : uri.getQueryParameters()) {
      query.push_back(std::move(parameter));
    }
  } catch (const Poco::Exception&) {
    return 0;  // the node answers 400 invalid_uri before any route
  }
  mams::reports::ReportQuery read;
  try {
    read = mams::reports::ReadReportQuery(Dataset(), query, false);
  } catch (const mams::ApiError& e) {
    if (e.kind() != mams::ErrorKind::kBadRequest) {
      std::abort();
    }
    return 0;
  }
  for (const auto& [name, value] : read.filters) {
    const bool declared = name == "level" ? (value == "group" || value == "local")
                          : name == "q"   ? mams::Utf8Length(value) <= 64
                                          : false;
    if (!declared || value.empty()) {
      std::abort();
    }
  }
  // The accepted values as text cells of a file.
  const std::string csv = mams::reports::ReportCsv(
      Dataset(), {{read.filters.count("q") ? read.filters.at("q") : "", "1", "-250"}}, read.english);
  if (csv.find("1,-2.50\r\n") == std::string::npos) {
    std::abort();
  }
  return 0;
}
