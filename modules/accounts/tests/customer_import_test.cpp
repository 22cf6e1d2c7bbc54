// CSV imports through the real API on both backends: dry run reports every bad row and
// writes nothing, apply commits the good rows and keeps the rejected ones as a file, GBK
// works, unreadable files are refused whole, revenue regrades customers.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <iconv.h>

#include "modules/accounts/grading/value_grade.h"
#include "tests/support/accounts_fixture.h"

namespace mams {
namespace {

using testing::Json;
using ImportTest = testing::AccountsTest;

constexpr char kCustomersCsv[] =
    "客户编号,客户名称,统一社会信用代码,行业,管理级别,归属机构,状态,标签\n"
    "KH0000000001,广州天河云智科技有限公司,91440300708461136T,I,local,440100,在网,重点客户;ICT\n"
    "KH0000000002,坏信用代码公司,91440300708461136X,I,local,440100,,\n"            // line 3
    "KH0000000003,未知行业公司,91110000802100433B,Z,local,440100,,\n"               // line 4
    "KH0000000004,北京越权公司,91110108551385082Q,I,local,110000,,\n"               // line 5
    "KH0000000005,重复信用代码公司,91440300708461136T,I,local,440100,,\n"           // line 6
    "KH0000000006,深圳制造有限公司,91110000802100433B,制造业,本地网级,440300,潜在,\n";

std::string ToGbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  std::string in = utf8;
  std::string out(in.size() * 2, '\0');
  char* in_ptr = in.data();
  char* out_ptr = out.data();
  std::size_t in_left = in.size();
  std::size_t out_left = out.size();
  iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

class ImportApi : public ImportTest {
 protected:
  testing::HttpResult Import(const std::string& kind, const std::string& mode,
                             const std::string& body) {
    return Call(gd_manager_, "POST", "/api/v1/imports?kind=" + kind + "&mode=" + mode, body,
                {{"Content-Type", "text/csv"}});
  }
  // Announces a 65 MiB upload: refused from the headers, before any of it is read.
  int DeclaredTooLarge() {
    Poco::Net::HTTPClientSession session("127.0.0.1", runtime_->http_port());
    Poco::Net::HTTPRequest request("POST", "/api/v1/imports?kind=customers&mode=apply",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + gd_manager_.token);
    request.setContentLength64(65LL * 1024 * 1024);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response);
    return response.getStatus();
  }
  std::int64_t Count(const std::string& sql) {
    return runtime_->storage().Open()->Query(sql).ScalarInt();
  }
};

TEST_P(ImportApi, DryRunReportsEveryBadRowAndWritesNothing) {
  const auto result = Import("customers", "dry-run", kCustomersCsv);
  ASSERT_EQ(201, result.status) << result.body;
  const auto report = Json(result.body);
  EXPECT_EQ(6, report->getValue<int>("rowsTotal"));
  EXPECT_EQ(2, report->getValue<int>("rowsOk"));
  EXPECT_EQ(4, report->getValue<int>("rowsRejected"));
  const auto rejected = report->getArray("rejected");
  ASSERT_EQ(4u, rejected->size());
  const std::pair<int, std::string> expected[] = {
      {3, "creditCode"}, {4, "industry"}, {5, "org"}, {6, "creditCode"}};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(expected[i].first, rejected->getObject(i)->getValue<int>("line"));
    EXPECT_EQ(expected[i].second, rejected->getObject(i)->getValue<std::string>("column"));
    EXPECT_FALSE(rejected->getObject(i)->getValue<std::string>("reason").empty());
  }
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM customers"));
}

TEST_P(ImportApi, ApplyCommitsGoodRowsAndKeepsTheRejectedAsAFile) {
  const auto result = Import("customers", "apply", kCustomersCsv);
  ASSERT_EQ(201, result.status) << result.body;
  const auto report = Json(result.body);
  EXPECT_EQ(2, report->getValue<int>("rowsOk"));
  EXPECT_EQ(2, Count("SELECT COUNT(*) FROM customers"));
  const auto list = Json(Call(analyst_, "GET", "/api/v1/customers?customerNo=KH0000000006").body);
  ASSERT_EQ(1, list->getValue<int>("total"));
  const auto shenzhen = list->getArray("items")->getObject(0);
  EXPECT_EQ("C", shenzhen->getValue<std::string>("industry"));  // 制造业
  EXPECT_EQ("potential", shenzhen->getValue<std::string>("state"));
  const auto tagged = Json(Call(analyst_, "GET", "/api/v1/customers?tag=ICT").body);
  EXPECT_EQ(1, tagged->getValue<int>("total"));
  // The rejected rows come back as CSV with their reasons, ready to fix and re-import.
  const auto file = Call(gd_manager_, "GET", report->getValue<std::string>("rejectedFile"));
  ASSERT_EQ(200, file.status) << file.body;
  EXPECT_NE(std::string::npos, file.Header("Content-Type").find("text/csv"));
  EXPECT_NE(std::string::npos, file.body.find("坏信用代码公司"));
  EXPECT_NE(std::string::npos, file.body.find("错误原因"));
  EXPECT_EQ(std::string::npos, file.body.find("广州天河云智科技有限公司"));
  // The job is visible in scope only; the batch is audited; the timeline says "imported".
  EXPECT_EQ(404, Call(gz_am_, "GET", "/api/v1/imports/" + report->getValue<std::string>("id")).status);
  EXPECT_EQ(1, Count("SELECT COUNT(*) FROM audit_log WHERE action = 'import.apply'"));
  EXPECT_EQ(2, Count("SELECT COUNT(*) FROM customer_events WHERE action = 'customer.import'"));
  // Importing the same file again adds nothing: every row is now a duplicate.
  const auto again = Json(Import("customers", "apply", kCustomersCsv).body);
  EXPECT_EQ(0, again->getValue<int>("rowsOk"));
  EXPECT_EQ(2, Count("SELECT COUNT(*) FROM customers"));
}

TEST_P(ImportApi, ARowWithAControlCharacterIsRejectedNamingTheColumn) {
  const std::string csv =
      "客户编号,客户名称,统一社会信用代码,行业,管理级别,归属机构,地址,备注\n"
      "KH0000000001,广州天河云智科技有限公司,91440300708461136T,I,local,440100,天河路1号,\n"
      "KH0000000002,广州响铃公司,91110000802100433B,I,local,440100,天河路\x07 2号,\n"
      "KH0000000003,广州多行备注公司,91110108551385082Q,I,local,440100,,\"第一行\n第二行\"\n";
  const auto result = Import("customers", "apply", csv);
  ASSERT_EQ(201, result.status) << result.body;
  const auto report = Json(result.body);
  EXPECT_EQ(2, report->getValue<int>("rowsOk"));
  const auto rejected = report->getArray("rejected");
  ASSERT_EQ(1u, rejected->size());
  EXPECT_EQ(3, rejected->getObject(0)->getValue<int>("line"));
  EXPECT_EQ("address", rejected->getObject(0)->getValue<std::string>("column"));
  EXPECT_EQ(2, Count("SELECT COUNT(*) FROM customers"));
  // The rejected file shows the character it could not take, never cut at it.
  const auto file = Call(gd_manager_, "GET", report->getValue<std::string>("rejectedFile"));
  EXPECT_NE(std::string::npos, file.body.find("天河路\xEF\xBF\xBD 2号")) << file.body;
}

TEST_P(ImportApi, GbkImportsAndUnreadableFilesAreRefusedWhole) {
  const auto gbk = Import("customers", "apply", ToGbk(kCustomersCsv));
  ASSERT_EQ(201, gbk.status) << gbk.body;
  EXPECT_EQ("GBK", Json(gbk.body)->getValue<std::string>("encoding"));
  EXPECT_EQ(1, Json(Call(analyst_, "GET", "/api/v1/customers?q=" + testing::Encode("天河云智")).body)
                   ->getValue<int>("total"));
  const std::string utf16 = std::string("\xFF\xFE", 2) + "a\0b\0";
  const auto refused = Import("customers", "apply", utf16);
  EXPECT_EQ(422, refused.status);
  EXPECT_EQ("unsupported_encoding", Json(refused.body)->getObject("error")->getValue<std::string>("code"));
  const auto columns = Import("customers", "apply", "客户名称,颜色\n某公司,红\n");
  EXPECT_EQ(422, columns.status);
  const std::string message = Json(columns.body)->getObject("error")->getValue<std::string>("message");
  EXPECT_NE(std::string::npos, message.find("颜色")) << message;
  const auto quote = Import("customers", "apply",
                            std::string(kCustomersCsv) + "KH9,\"未闭合,91440300708461136T,I,local,440100,,\n");
  EXPECT_EQ(422, quote.status);  // a syntax error anywhere refuses the whole file
  EXPECT_EQ(2, Count("SELECT COUNT(*) FROM customers"));
  EXPECT_EQ(400, Import("leads", "apply", kCustomersCsv).status);
  EXPECT_EQ(413, DeclaredTooLarge());
}

TEST_P(ImportApi, RevenueAndContactsAttachToCustomersAndRegrade) {
  ASSERT_EQ(201, Import("customers", "apply", kCustomersCsv).status);
  const auto window = accounts::Last12Months(SystemClock().NowMs());
  const std::string revenue =
      "客户编号,产品,月份,收入(元),欠费(元)\n"
      "KH0000000001,5G专网," + window.last + ",600000.00,0\n"
      "KH0000000001,云服务," + window.first + ",500000.5,1200\n"
      "KH0000000001,云服务," + window.first + ",1,0\n"       // duplicate month, line 4
      "KH0000000006,宽带专线,2026-13,100,0\n"                 // bad month, line 5
      "KH0000009999,宽带专线," + window.last + ",100,0\n";   // unknown customer, line 6
  const auto report = Json(Import("revenue", "apply", revenue).body);
  EXPECT_EQ(2, report->getValue<int>("rowsOk"));
  const auto rejected = report->getArray("rejected");
  ASSERT_EQ(3u, rejected->size());
  EXPECT_EQ("month", rejected->getObject(0)->getValue<std::string>("column"));
  EXPECT_EQ("month", rejected->getObject(1)->getValue<std::string>("column"));
  EXPECT_EQ("customerNo", rejected->getObject(2)->getValue<std::string>("column"));
  const auto customer = Json(Call(analyst_, "GET", "/api/v1/customers?customerNo=KH0000000001").body)
                            ->getArray("items")->getObject(0);
  EXPECT_EQ(110000050, customer->getValue<std::int64_t>("revenue12m"));  // fen
  EXPECT_EQ("A", customer->getValue<std::string>("valueGrade"));
  EXPECT_EQ(1, Count("SELECT COUNT(*) FROM customer_events WHERE action = 'customer.regrade'"));
  // Re-delivering the same bill changes nothing.
  const auto again = Json(Import("revenue", "apply", revenue).body);
  EXPECT_EQ(2, again->getValue<int>("rowsOk"));
  EXPECT_EQ(2, Count("SELECT COUNT(*) FROM revenue_facts"));
  EXPECT_EQ(1, Count("SELECT COUNT(*) FROM customer_events WHERE action = 'customer.regrade'"));

  const std::string contacts =
      "客户编号,姓名,角色,手机,邮箱,生日\n"
      "KH0000000001,陈静,决策人,13800138000,chen.jing@example.cn,1980-03-08\n"
      "KH0000000001,,财务,13800138001,,\n";
  const auto contact_report = Json(Import("contacts", "apply", contacts).body);
  EXPECT_EQ(1, contact_report->getValue<int>("rowsOk"));
  EXPECT_EQ("name", contact_report->getArray("rejected")->getObject(0)->getValue<std::string>("column"));
  const std::string id = customer->getValue<std::string>("id");
  EXPECT_EQ(404, Call(sz_staff_, "GET", "/api/v1/customers/" + id + "/contacts").status);
  const auto seen = Json(Call(gd_manager_, "GET", "/api/v1/customers/" + id + "/contacts").body);
  EXPECT_EQ("decision_maker", seen->getArray("items")->getObject(0)->getValue<std::string>("role"));
}

TEST_P(ImportApi, TemplatesCarryTheChineseHeaders) {
  const auto result = Call(sz_staff_, "GET", "/api/v1/import-templates/revenue");
  ASSERT_EQ(200, result.status);
  EXPECT_NE(std::string::npos, result.body.find("客户编号,产品,月份"));
  EXPECT_EQ(400, Call(sz_staff_, "GET", "/api/v1/import-templates/leads").status);
}

MAMS_TEST_ON_BOTH_BACKENDS(ImportApi);

}  // namespace
}  // namespace mams
