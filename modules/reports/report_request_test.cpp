#include "modules/reports/report_request.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "node/common/errors.h"

namespace mams::reports {
namespace {

module::ReportDataset Dataset() {
  module::ReportDataset dataset;
  dataset.key = "customers.by_org";
  dataset.columns = {{"org", "机构", "Org"},
                     {"customers", "客户数", "Customers", module::ReportValue::kInteger},
                     {"revenue", "收入（元）", "Revenue (yuan)", module::ReportValue::kMoney}};
  dataset.filters = {{"level", "级别", "Level",
                      {{"group", "集团", "Group"}, {"province", "省", "Province"}, {"local", "本地网", "Local"}}},
                     {"q", "名称", "Name", {}}};
  return dataset;
}

std::string ErrorOf(const std::vector<std::pair<std::string, std::string>>& query) {
  try {
    ReadReportQuery(Dataset(), query, false);
  } catch (const ApiError& e) {
    return e.code() + " " + e.field() + ": " + e.what();
  }
  return "(accepted)";
}

TEST(ReportRequest, ReadsTheDeclaredFiltersFormatAndLanguage) {
  const auto query = ReadReportQuery(
      Dataset(), {{"level", "province"}, {"q", "广州"}, {"format", "csv"}, {"lang", "en"}}, false);
  EXPECT_EQ(ReportFormat::kCsv, query.format);
  EXPECT_TRUE(query.english);
  EXPECT_EQ((std::map<std::string, std::string>{{"level", "province"}, {"q", "广州"}}),
            query.filters);
  const auto plain = ReadReportQuery(Dataset(), {{"level", ""}}, true);
  EXPECT_EQ(ReportFormat::kJson, plain.format);
  EXPECT_TRUE(plain.english);  // from Accept-Language
  EXPECT_TRUE(plain.filters.empty());  // an empty value is no filter
}

TEST(ReportRequest, RefusesWhatTheDatasetDoesNotDeclareNamingIt) {
  EXPECT_EQ("invalid_parameter org: org: not a parameter of report customers.by_org",
            ErrorOf({{"org", "440000"}}));
  EXPECT_EQ("invalid_parameter level: level: not one of the allowed values",
            ErrorOf({{"level", "national"}}));
  EXPECT_EQ("invalid_parameter level: level: given more than once",
            ErrorOf({{"level", "local"}, {"level", "group"}}));
  EXPECT_EQ("invalid_parameter format: format: json, csv or xlsx", ErrorOf({{"format", "pdf"}}));
  EXPECT_EQ("invalid_parameter lang: lang: zh or en", ErrorOf({{"lang", "fr"}}));
  EXPECT_NE("(accepted)", ErrorOf({{"q", std::string(65, 'x')}}));
  EXPECT_NE("(accepted)", ErrorOf({{"q", std::string("a\0b", 3)}}));
  EXPECT_EQ("(accepted)", ErrorOf({{"q", std::string(64, 'x')}}));
  // 64 Chinese characters are 192 bytes: characters count, not bytes.
  std::string chinese;
  for (int i = 0; i < 64; ++i) {
    chinese += "广";
  }
  EXPECT_EQ("(accepted)", ErrorOf({{"q", chinese}}));
}

TEST(ReportRequest, FilesCarryTitlesInTheLanguageAndMoneyInYuan) {
  const std::vector<std::vector<std::string>> rows = {{"440000", "12", "123456"},
                                                      {"=cmd()", "0", "-5"}};
  EXPECT_EQ(
      "\xEF\xBB\xBF"
      "机构,客户数,收入（元）\r\n440000,12,1234.56\r\n'=cmd(),0,-0.05\r\n",
      ReportCsv(Dataset(), rows, false));
  EXPECT_EQ(0u, ReportCsv(Dataset(), rows, true).find("\xEF\xBB\xBFOrg,Customers,Revenue (yuan)\r\n"));
  const std::string xlsx = ReportXlsx(Dataset(), rows, false);
  EXPECT_EQ("PK", xlsx.substr(0, 2));
  EXPECT_THROW(ReportCsv(Dataset(), {{"440000", "twelve", "0"}}, false), std::logic_error);
  EXPECT_EQ(-42, NumberCell(Dataset(), 1, "-42"));
}

}  // namespace
}  // namespace mams::reports
