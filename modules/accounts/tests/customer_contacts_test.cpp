// Contacts, visits and the customer timeline through the real API on both backends:
// validation, masking and its audit, scope, versions, and history of every change.
#include "tests/support/accounts_fixture.h"

namespace mams {
namespace {

using testing::Field;
using testing::Json;
using ContactsTest = testing::AccountsTest;

constexpr char kContact[] =
    "{\"name\":\"张伟\",\"role\":\"decision_maker\",\"title\":\"总经理\",\"mobile\":"
    "\"13912345678\","
    "\"email\":\"zhang.wei@example.com.cn\",\"birthday\":\"1975-06-18\",\"preferredChannel\":"
    "\"wechat\","
    "\"idNumber\":\"11010519491231002X\"}";

TEST_P(ContactsTest, ContactsAreValidatedAndNameTheField) {
  const std::string id = Create(gd_manager_, "广州联系客户", "91440300708461136T", "440100");
  const std::string path = "/api/v1/customers/" + id + "/contacts";
  const struct {
    std::string body;
    std::string field;
  } cases[] = {
      {"{\"role\":\"finance\"}", "name"},
      {"{\"name\":\"李娜\"}", "role"},
      {"{\"name\":\"李娜\",\"role\":\"boss\"}", "role"},
      {"{\"name\":\"李娜\",\"role\":\"finance\",\"mobile\":\"call me\"}", "mobile"},
      {"{\"name\":\"李娜\",\"role\":\"finance\",\"email\":\"li@\"}", "email"},
      {"{\"name\":\"李娜\",\"role\":\"finance\",\"birthday\":\"1990-02-30\"}", "birthday"},
      {"{\"name\":\"李娜\",\"role\":\"finance\",\"idNumber\":\"110105194912310021\"}", "idNumber"},
      {"{\"name\":\"李娜\",\"role\":\"finance\",\"preferredChannel\":\"fax\"}", "preferredChannel"},
      {"{\"name\":\"李娜\",\"role\":\"finance\",\"hobby\":\"golf\"}", "hobby"},
  };
  for (const auto& c : cases) {
    const auto result = Call(gd_manager_, "POST", path, c.body);
    EXPECT_EQ(422, result.status) << c.body << " → " << result.body;
    if (result.status == 422) {
      EXPECT_EQ(c.field, Field(result)) << c.body;
    }
  }
  EXPECT_EQ(0, Json(Call(gd_manager_, "GET", path).body)->getValue<int>("total"));
  EXPECT_EQ(404, Call(gd_manager_, "POST", "/api/v1/customers/nope/contacts", kContact).status);
}

TEST_P(ContactsTest, ControlCharactersInContactsAndVisitsAreRefusedNamingTheField) {
  const std::string id = Create(gd_manager_, "广州联系客户", "91440300708461136T", "440100");
  const std::string contacts = "/api/v1/customers/" + id + "/contacts";
  const std::string visits = "/api/v1/customers/" + id + "/visits";
  const struct {
    std::string path;
    std::string body;
    std::string field;
  } refused[] = {
      {contacts, "{\"name\":\"李\\u0000娜\",\"role\":\"finance\"}", "name"},
      {contacts, "{\"name\":\"李娜\",\"role\":\"finance\",\"title\":\"经理\\n助理\"}", "title"},
      {contacts, "{\"name\":\"李娜\",\"role\":\"finance\",\"remarks\":\"x\\u001by\"}", "remarks"},
      {visits, "{\"date\":\"2026-11-02\",\"type\":\"call\",\"content\":\"报\\u0000价\"}",
       "content"},
      {visits,
       "{\"date\":\"2026-11-02\",\"type\":\"call\",\"content\":\"x\",\"followUp\":\"\\u007f\"}",
       "followUp"},
  };
  for (const auto& c : refused) {
    const auto result = Call(gd_manager_, "POST", c.path, c.body);
    EXPECT_EQ(422, result.status) << c.body << " → " << result.body;
    if (result.status == 422) {
      EXPECT_EQ(c.field, Field(result)) << c.body;
      EXPECT_EQ("control_character",
                Json(result.body)->getObject("error")->getValue<std::string>("code"));
    }
  }
  // Remarks, visit content and follow-up span lines.
  EXPECT_EQ(201, Call(gd_manager_, "POST", contacts,
                      "{\"name\":\"李娜\",\"role\":\"finance\",\"remarks\":\"一\\n二\\t三\"}")
                     .status);
  EXPECT_EQ(201, Call(gd_manager_, "POST", visits,
                      "{\"date\":\"2026-11-02\",\"type\":\"call\",\"content\":\"一\\r\\n二\","
                      "\"followUp\":\"三\\n四\"}")
                     .status);
}

TEST_P(ContactsTest, PersonalDataIsMaskedWithoutPiiViewAndAuditedWithIt) {
  const std::string id = Create(gd_manager_, "深圳联系客户", "91440300708461136T", "440300");
  const std::string path = "/api/v1/customers/" + id + "/contacts";
  const auto created = Call(gd_manager_, "POST", path, kContact);
  ASSERT_EQ(201, created.status) << created.body;
  EXPECT_EQ("13912345678", Json(created.body)->getValue<std::string>("mobile"));
  // Local staff (no pii:view) see the contact, masked.
  const auto masked = Json(Call(sz_staff_, "GET", path).body)->getArray("items")->getObject(0);
  EXPECT_EQ("139****5678", masked->getValue<std::string>("mobile"));
  EXPECT_EQ("****-06-18", masked->getValue<std::string>("birthday"));
  EXPECT_EQ(std::string::npos, masked->getValue<std::string>("email").find("zhang.wei"));
  EXPECT_EQ(std::string::npos, masked->getValue<std::string>("idNumber").find("19491231"));
  EXPECT_TRUE(masked->getValue<bool>("masked"));
  // The manager's unmasked read is audited; the staff's masked read is not.
  const auto before = AuditCount("pii.read", id);
  const auto plain = Json(Call(gd_manager_, "GET", path).body)->getArray("items")->getObject(0);
  EXPECT_EQ("13912345678", plain->getValue<std::string>("mobile"));
  EXPECT_EQ(before + 1, AuditCount("pii.read", id));
  // The audit log and the timeline never hold the personal data in clear.
  const auto session = runtime_->storage().Open();
  EXPECT_EQ(
      0, session->Query("SELECT COUNT(*) FROM audit_log WHERE after_json LIKE ?", {"%13912345678%"})
             .ScalarInt());
  EXPECT_EQ(
      0,
      session->Query("SELECT COUNT(*) FROM customer_events WHERE changes LIKE ?", {"%13912345678%"})
          .ScalarInt());
}

TEST_P(ContactsTest, ContactsFollowScopeVersionsAndDeletion) {
  const std::string gz = Create(gd_manager_, "广州联系客户", "91440300708461136T", "440100");
  const auto created = Call(gd_manager_, "POST", "/api/v1/customers/" + gz + "/contacts", kContact);
  ASSERT_EQ(201, created.status);
  const std::string contact =
      "/api/v1/customers/" + gz + "/contacts/" + Json(created.body)->getValue<std::string>("id");
  EXPECT_EQ(404, Call(sz_staff_, "GET", contact).status);  // other local network
  EXPECT_EQ(404, Call(sz_staff_, "GET", "/api/v1/customers/" + gz + "/contacts").status);
  EXPECT_EQ(404, Call(gz_am_, "GET", contact).status);  // not their customer
  const std::string etag =
      "\"" + std::to_string(Json(created.body)->getValue<std::int64_t>("version")) + "\"";
  const auto changed =
      Call(gd_manager_, "PATCH", contact, "{\"title\":\"董事长\"}", {{"If-Match", etag}});
  ASSERT_EQ(200, changed.status) << changed.body;
  EXPECT_EQ("董事长", Json(changed.body)->getValue<std::string>("title"));
  EXPECT_EQ(409,
            Call(gd_manager_, "PATCH", contact, "{\"title\":\"x\"}", {{"If-Match", etag}}).status);
  EXPECT_EQ(200, Call(gd_manager_, "DELETE", contact).status);
  EXPECT_EQ(404, Call(gd_manager_, "GET", contact).status);
  EXPECT_EQ(1,
            runtime_->storage()
                .Open()
                ->Query("SELECT COUNT(*) FROM contacts WHERE customer_id = ? AND deleted = 1", {gz})
                .ScalarInt());
}

TEST_P(ContactsTest, DirectoriesSpanCustomersInScopeAndMaskPersonalData) {
  const std::string gz = Create(gd_manager_, "广州名录客户", "91440300708461136T", "440100");
  const std::string sz = Create(gd_manager_, "深圳名录客户", "91110000802100433B", "440300");
  for (const auto& [customer, name] : {std::pair{gz, "王广州"}, std::pair{sz, "李深圳"}}) {
    ASSERT_EQ(201, PostTo(gd_manager_, customer, "contacts",
                          std::string("{\"name\":\"") + name +
                              "\",\"role\":\"finance\",\"mobile\":\"13912345678\"}"));
    ASSERT_EQ(201, PostTo(gd_manager_, customer, "visits",
                          "{\"date\":\"2026-11-0" + std::string(customer == gz ? "3" : "4") +
                              "\",\"type\":\"call\",\"content\":\"回访\"}"));
  }
  const auto all = Json(Call(gd_manager_, "GET", "/api/v1/contacts").body);
  EXPECT_EQ(2, all->getValue<int>("total"));
  const auto first = all->getArray("items")->getObject(0);
  EXPECT_EQ("139****5678", first->getValue<std::string>("mobile"));  // masked despite pii:view
  EXPECT_FALSE(first->getValue<std::string>("customerName").empty());
  const auto shenzhen = Json(Call(sz_staff_, "GET", "/api/v1/contacts").body);
  ASSERT_EQ(1, shenzhen->getValue<int>("total"));
  EXPECT_EQ("李深圳", shenzhen->getArray("items")->getObject(0)->getValue<std::string>("name"));
  EXPECT_EQ("深圳名录客户",
            shenzhen->getArray("items")->getObject(0)->getValue<std::string>("customerName"));
  EXPECT_EQ(1, Json(Call(gd_manager_, "GET", "/api/v1/contacts?q=%E5%B9%BF%E5%B7%9E").body)
                   ->getValue<int>("total"));  // q=广州
  EXPECT_EQ(0, Json(Call(gz_am_, "GET", "/api/v1/contacts").body)->getValue<int>("total"));

  const auto visits = Json(Call(gd_manager_, "GET", "/api/v1/visits").body);
  ASSERT_EQ(2, visits->getValue<int>("total"));
  EXPECT_EQ("2026-11-04", visits->getArray("items")->getObject(0)->getValue<std::string>("date"));
  EXPECT_EQ(1, Json(Call(gd_manager_, "GET", "/api/v1/visits?from=2026-11-04").body)
                   ->getValue<int>("total"));
  EXPECT_EQ(1, Json(Call(sz_staff_, "GET", "/api/v1/visits").body)->getValue<int>("total"));
  EXPECT_EQ("2026-11-03", Json(Call(gd_manager_, "GET", "/api/v1/visits?sort=date").body)
                              ->getArray("items")
                              ->getObject(0)
                              ->getValue<std::string>("date"));
  EXPECT_EQ(0, Json(Call(gd_manager_, "GET", "/api/v1/contacts?q=_").body)->getValue<int>("total"));
  // A form that sends back what the directory showed cannot overwrite the real value.
  const std::string contact_id = first->getValue<std::string>("id");
  const std::string customer_id = first->getValue<std::string>("customerId");
  const auto masked =
      Call(gd_manager_, "PATCH", "/api/v1/customers/" + customer_id + "/contacts/" + contact_id,
           "{\"mobile\":\"139****5678\"}");
  EXPECT_EQ(422, masked.status);
  EXPECT_EQ("mobile", Field(masked));
  const auto bad = Call(gd_manager_, "GET", "/api/v1/visits?from=11/04/2026");
  EXPECT_EQ(400, bad.status);
  EXPECT_EQ("from", Field(bad));
}

TEST_P(ContactsTest, VisitsAreLoggedByTheCallerNewestFirst) {
  const std::string id = Create(gd_manager_, "佛山走访客户", "91440300708461136T", "440600");
  const std::string path = "/api/v1/customers/" + id + "/visits";
  EXPECT_EQ("date",
            Field(Call(gd_manager_, "POST", path, "{\"type\":\"visit\",\"content\":\"x\"}")));
  EXPECT_EQ("type", Field(Call(gd_manager_, "POST", path,
                               "{\"date\":\"2026-11-02\",\"type\":\"lunch\",\"content\":\"x\"}")));
  EXPECT_EQ("content", Field(Call(gd_manager_, "POST", path,
                                  "{\"date\":\"2026-11-02\",\"type\":\"call\",\"content\":\"\"}")));
  for (const char* date : {"2026-10-01", "2026-11-05", "2026-09-12"}) {
    const auto result =
        Call(gd_manager_, "POST", path,
             std::string("{\"date\":\"") + date +
                 "\",\"type\":\"visit\",\"content\":\"介绍5G专网方案\",\"followUp\":\"报价\"}");
    ASSERT_EQ(201, result.status) << result.body;
    EXPECT_EQ(gd_manager_.id, Json(result.body)->getValue<std::string>("staffUserId"));
  }
  EXPECT_EQ(404, Call(sz_staff_, "GET", path).status);  // Foshan is not Shenzhen's
  const auto mine = Json(Call(gd_manager_, "GET", path + "?limit=2").body);
  EXPECT_EQ(3, mine->getValue<int>("total"));
  ASSERT_EQ(2u, mine->getArray("items")->size());
  EXPECT_EQ("2026-11-05", mine->getArray("items")->getObject(0)->getValue<std::string>("date"));
  const std::string visit =
      path + "/" + mine->getArray("items")->getObject(0)->getValue<std::string>("id");
  EXPECT_EQ(200, Call(gd_manager_, "PATCH", visit, "{\"followUp\":\"已报价\"}").status);
  EXPECT_EQ(403, Call(sz_staff_, "DELETE", visit).status);
  EXPECT_EQ(200, Call(gd_manager_, "DELETE", visit).status);
  EXPECT_EQ(2, Json(Call(gd_manager_, "GET", path).body)->getValue<int>("total"));
}

TEST_P(ContactsTest, HistoryShowsEveryChangeWithFieldDiffs) {
  const std::string id = Create(gd_manager_, "东莞历史客户", "91440300708461136T", "441900");
  ASSERT_EQ(200,
            Call(gd_manager_, "PATCH", "/api/v1/customers/" + id, "{\"address\":\"东莞市南城区\"}")
                .status);
  ASSERT_EQ(200, Call(gd_manager_, "POST", "/api/v1/customers/" + id + "/state",
                      "{\"state\":\"active\",\"reason\":\"签约\"}")
                     .status);
  ASSERT_EQ(201,
            Call(gd_manager_, "POST", "/api/v1/customers/" + id + "/contacts", kContact).status);
  const auto history = Json(Call(analyst_, "GET", "/api/v1/customers/" + id + "/history").body);
  ASSERT_EQ(4, history->getValue<int>("total"));
  const auto items = history->getArray("items");
  std::vector<std::string> actions;
  for (std::size_t i = 0; i < items->size(); ++i) {
    actions.push_back(items->getObject(i)->getValue<std::string>("action"));
  }
  EXPECT_EQ((std::vector<std::string>{"contact.create", "customer.state_change", "customer.update",
                                      "customer.create"}),
            actions);
  const auto update = items->getObject(2)->getObject("changes");
  ASSERT_TRUE(update->has("address"));
  EXPECT_EQ("东莞市南城区", update->getObject("address")->getValue<std::string>("to"));
  EXPECT_EQ(1u, update->size());  // only what changed
  EXPECT_EQ("gd-pm", items->getObject(2)->getValue<std::string>("actor"));
  EXPECT_EQ(404, Call(sz_staff_, "GET", "/api/v1/customers/" + id + "/history").status);
}

MAMS_TEST_ON_BOTH_BACKENDS(ContactsTest);

}  // namespace
}  // namespace mams
