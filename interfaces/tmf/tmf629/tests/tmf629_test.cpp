// TMF629 Customer Management through the real API on both backends: CRUD, attribute
// selection, paging headers, TMF error bodies and data scope. Every body is checked against
// the published TMF629 v4 schema (interfaces/tmf/).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>

#include "node/app/node_runtime.h"
#include "node/common/clock.h"
#include "tests/support/group_node_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/swagger_schema.h"
#include "tests/support/test_users.h"

namespace mams {
namespace {

using testing::HttpResult;

constexpr char kBase[] = "/tmf-api/customerManagement/v4/customer";

Poco::JSON::Object::Ptr Json(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr JsonArray(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Array::Ptr>();
}

const testing::SwaggerSchema& Schema() {
  static const testing::SwaggerSchema schema = testing::SwaggerSchema::FromFile(
      MAMS_SOURCE_DIR "/interfaces/tmf/TMF629-Customer-v4.0.0.swagger.json");
  return schema;
}

std::string Problems(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& problem : problems) {
    text += problem + "; ";
  }
  return text;
}

// The body of every answer must match the schema of its kind.
void ExpectSchema(const HttpResult& result) {
  SCOPED_TRACE(result.body);
  if (result.status == 204) {
    EXPECT_EQ("", result.body);
  } else if (result.status >= 400) {
    EXPECT_EQ("", Problems(Schema().Validate("Error", result.body)));
  } else if (!result.body.empty() && result.body.front() == '[') {
    EXPECT_EQ("", Problems(Schema().ValidateArrayOf("Customer", result.body)));
  } else {
    EXPECT_EQ("", Problems(Schema().Validate("Customer", result.body)));
  }
}

std::string Characteristic(const Poco::JSON::Object& customer, const std::string& name) {
  const auto items = customer.getArray("characteristic");
  for (std::size_t i = 0; items && i < items->size(); ++i) {
    const auto item = items->getObject(static_cast<unsigned int>(i));
    if (item->getValue<std::string>("name") == name) {
      return item->get("value").toString();
    }
  }
  return "<none>";
}

class Tmf629Test : public testing::GroupNodeTest {
 protected:
  void SetUpBackend() override {
    StartNode(NodeConfig("tmf"));
    gd_manager_ = AddUser("gd-pm", "440000", {"province_manager"});
    gz_am_ = AddUser("gz-am", "440100", {"account_manager"});
    sz_staff_ = AddUser("sz-staff", "440300", {"local_staff"});
  }

  // Every answer of these tests passes through here, and so through the schema check.
  HttpResult Call(const testing::TestUser* user, const std::string& method,
                  const std::string& target, const std::string& body = "",
                  std::map<std::string, std::string> headers = {}) {
    if (user != nullptr) {
      headers["Authorization"] = "Bearer " + user->token;
    }
    HttpResult result = testing::HttpCall(runtime_->http_port(), method, target, body, headers);
    ExpectSchema(result);
    return result;
  }

  static std::string CreateBody(const std::string& name, const std::string& credit,
                                const std::string& org, const std::string& extra = "") {
    return "{\"name\":\"" + name + "\",\"engagedParty\":{\"id\":\"" + credit +
           "\",\"@referredType\":\"Organization\"},\"characteristic\":[{\"name\":\"industry\","
           "\"value\":\"I\"},{\"name\":\"level\",\"value\":\"local\"},{\"name\":\"org\",\"value\":"
           "\"" +
           org + "\"}]" + extra + "}";
  }

  std::string Create(const std::string& name, const std::string& credit, const std::string& org,
                     const std::string& extra = "") {
    const auto result = Call(&gd_manager_, "POST", kBase, CreateBody(name, credit, org, extra));
    EXPECT_EQ(201, result.status) << result.body;
    return result.status == 201 ? Json(result.body)->getValue<std::string>("id") : "";
  }

  testing::TestUser gd_manager_, gz_am_, sz_staff_;
};

TEST_P(Tmf629Test, CreateReadPatchDelete) {
  const auto created =
      Call(&gd_manager_, "POST", kBase,
           CreateBody("广州某某科技有限公司", "91440300708461136T", "440100",
                      ",\"relatedParty\":[{\"id\":\"" + gz_am_.id +
                          "\",\"role\":\"accountManager\",\"@referredType\":\"Individual\"}]"));
  ASSERT_EQ(201, created.status) << created.body;
  const auto customer = Json(created.body);
  const std::string id = customer->getValue<std::string>("id");
  EXPECT_EQ(std::string(kBase) + "/" + id, created.Header("Location"));
  EXPECT_EQ(created.Header("Location"), customer->getValue<std::string>("href"));
  const std::string etag = created.Header("ETag");  // the row's hybrid-clock version
  EXPECT_EQ(etag, "\"" + std::to_string(
                              Json(testing::HttpCall(runtime_->http_port(), "GET",
                                                     "/api/v1/customers/" + id, "",
                                                     testing::BearerHeader(gd_manager_))
                                       .body)
                                  ->getValue<std::int64_t>("version")) +
                      "\"");
  EXPECT_EQ("potential", customer->getValue<std::string>("status"));
  EXPECT_EQ("91440300708461136T", customer->getObject("engagedParty")->getValue<std::string>("id"));
  EXPECT_EQ("440100", Characteristic(*customer, "org"));
  EXPECT_EQ("D", Characteristic(*customer, "valueGrade"));
  EXPECT_EQ(gz_am_.id,
            customer->getArray("relatedParty")->getObject(0)->getValue<std::string>("id"));
  // The account manager now sees it, through either API.
  EXPECT_EQ(200, Call(&gz_am_, "GET", std::string(kBase) + "/" + id).status);
  const auto native =
      Json(testing::HttpCall(runtime_->http_port(), "GET", "/api/v1/customers/" + id, "",
                             testing::BearerHeader(gz_am_))
               .body);
  EXPECT_EQ("广州某某科技有限公司", native->getValue<std::string>("name"));

  const std::string path = std::string(kBase) + "/" + id;
  const auto patched = Call(
      &gd_manager_, "PATCH", path,
      R"({"name":"广州某某信息科技有限公司","characteristic":[{"name":"address","value":"天河路1号"}]})",
      {{"Content-Type", "application/merge-patch+json"}, {"If-Match", etag}});
  ASSERT_EQ(200, patched.status) << patched.body;
  EXPECT_NE(etag, patched.Header("ETag"));
  EXPECT_EQ("天河路1号", Characteristic(*Json(patched.body), "address"));
  EXPECT_EQ(409,
            Call(&gd_manager_, "PATCH", path, R"({"name":"x"})", {{"If-Match", etag}}).status);

  const auto activated =
      Call(&gd_manager_, "PATCH", path, R"({"status":"active","statusReason":"签约"})");
  ASSERT_EQ(200, activated.status) << activated.body;
  EXPECT_EQ("active", Json(activated.body)->getValue<std::string>("status"));
  EXPECT_EQ(
      422,
      Call(&gd_manager_, "PATCH", path, R"({"status":"potential","statusReason":"x"})").status);
  EXPECT_EQ(422,
            Call(&gd_manager_, "PATCH", path, R"({"status":"suspended"})").status);  // no reason

  const auto deleted =
      Call(&gd_manager_, "DELETE", path, "", {{"If-Match", activated.Header("ETag")}});
  EXPECT_EQ(204, deleted.status) << deleted.body;
  EXPECT_EQ(404, Call(&gd_manager_, "GET", path).status);
}

TEST_P(Tmf629Test, CreateEnforcesTheSchemaAndNamesTmfAttributes) {
  const std::string party =
      R"("engagedParty":{"id":"91440300708461136T","@referredType":"Organization"})";
  const struct {
    std::string body;
    int status;
    std::string attribute;
  } cases[] = {
      {R"({"name":"x"})", 422, "engagedParty"},
      {"{" + party + "}", 422, "name"},
      {R"({"name":"x","engagedParty":{"id":"91440300708461136T"}})", 422,
       "engagedParty.@referredType"},
      {CreateBody("x", "91440300708461136X", "440100"), 422, "engagedParty.id"},
      {CreateBody("x", "91440300708461136T", "110000"), 422, "characteristic.org"},
      {"{\"name\":\"x\"," + party + "}", 422, "characteristic.industry"},
      {CreateBody("x", "91440300708461136T", "440100", ",\"status\":\"churned\""), 422, "status"},
      {CreateBody("x", "91440300708461136T", "440100", ",\"contactMedium\":[]"), 422,
       "contactMedium"},
      {"{\"name\":", 400, ""},
  };
  for (const auto& c : cases) {
    const auto result = Call(&gd_manager_, "POST", kBase, c.body);
    EXPECT_EQ(c.status, result.status) << c.body << " → " << result.body;
    const auto error = Json(result.body);
    EXPECT_EQ(std::to_string(c.status), error->optValue<std::string>("status", ""));
    EXPECT_EQ("Error", error->optValue<std::string>("@type", ""));
    if (!c.attribute.empty()) {
      EXPECT_EQ(0u, error->getValue<std::string>("message").find("attribute: " + c.attribute + ";"))
          << result.body;
    }
  }
  Create("广州客户", "91440300708461136T", "440100");
  const auto duplicate =
      Call(&gd_manager_, "POST", kBase, CreateBody("另一家", "91440300708461136T", "440100"));
  EXPECT_EQ(409, duplicate.status);
  EXPECT_EQ("duplicate_credit_code", Json(duplicate.body)->getValue<std::string>("code"));
}

TEST_P(Tmf629Test, FieldsSelectAttributesOfOneAndOfTheList) {
  const std::string id = Create("佛山客户", "91110108551385082Q", "440600");
  const auto one = Call(&gd_manager_, "GET", std::string(kBase) + "/" + id + "?fields=name,status");
  ASSERT_EQ(200, one.status);
  std::vector<std::string> names;
  Json(one.body)->getNames(names);
  EXPECT_EQ((std::vector<std::string>{"@type", "engagedParty", "href", "id", "name", "status"}),
            names);
  const auto list = Call(&gd_manager_, "GET", std::string(kBase) + "?fields=characteristic");
  ASSERT_EQ(200, list.status);
  const auto item = JsonArray(list.body)->getObject(0);
  EXPECT_TRUE(item->has("characteristic"));
  EXPECT_FALSE(item->has("name"));
  EXPECT_EQ(400, Call(&gd_manager_, "GET", std::string(kBase) + "?fields=name,colour").status);
}

TEST_P(Tmf629Test, ListPagesWithCountHeadersAndFilters) {
  Create("广州移动互联科技有限公司", "91440300708461136T", "440100");
  const std::string sz = Create("深圳华南制造有限公司", "91110000802100433B", "440300");
  Create("佛山陶瓷集团", "91110108551385082Q", "440600");
  Call(&gd_manager_, "PATCH", std::string(kBase) + "/" + sz,
       R"({"status":"active","statusReason":"签约"})");
  const auto page = Call(&gd_manager_, "GET", std::string(kBase) + "?limit=2&offset=1&sort=name");
  ASSERT_EQ(200, page.status) << page.body;
  EXPECT_EQ("3", page.Header("X-Total-Count"));
  EXPECT_EQ("2", page.Header("X-Result-Count"));
  EXPECT_EQ(2u, JsonArray(page.body)->size());
  auto count = [this](const std::string& query) {
    const auto result = Call(&gd_manager_, "GET", std::string(kBase) + "?" + query);
    EXPECT_EQ(200, result.status) << query << " " << result.body;
    EXPECT_EQ(result.Header("X-Total-Count"), std::to_string(JsonArray(result.body)->size()));
    return result.Header("X-Total-Count");
  };
  std::string encoded;
  Poco::URI::encode("华南", "", encoded);
  EXPECT_EQ("1", count("name=" + encoded));
  EXPECT_EQ("1", count("status=active"));
  EXPECT_EQ("2", count("status=potential"));
  EXPECT_EQ("1", count("engagedParty.id=91110000802100433B"));
  EXPECT_EQ("0", count("relatedParty.id=" + gz_am_.id));
  const auto unsupported =
      Call(&gd_manager_, "GET", std::string(kBase) + "?characteristic.org=440100");
  EXPECT_EQ(400, unsupported.status);
  EXPECT_EQ(400, Call(&gd_manager_, "GET", std::string(kBase) + "?limit=0").status);
}

TEST_P(Tmf629Test, EveryErrorIsATmfErrorBody) {
  const std::string id = Create("东莞客户", "91440300708461136T", "441900");
  const std::string path = std::string(kBase) + "/" + id;
  const struct {
    const testing::TestUser* user;
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;
    int status;
    std::string code;
  } cases[] = {
      {nullptr, "GET", kBase, {}, 401, "unauthenticated"},
      {&sz_staff_, "POST", kBase, {}, 403, "forbidden"},
      {&gd_manager_, "GET", std::string(kBase) + "/no-such-id", {}, 404, "not_found"},
      {&gd_manager_, "GET", "/tmf-api/customerManagement/v4/nothing", {}, 404, "not_found"},
      {&gd_manager_, "PUT", path, {}, 405, "method_not_allowed"},
      {&gd_manager_,
       "PATCH",
       path,
       {{"Content-Type", "application/json-patch+json"}},
       415,
       "unsupported_media_type"},
      {&gd_manager_, "PATCH", path, {{"If-Match", "yesterday"}}, 400, "invalid_if_match"},
  };
  for (const auto& c : cases) {
    const auto result = Call(c.user, c.method, c.target, c.method == "GET" ? "" : "{}", c.headers);
    EXPECT_EQ(c.status, result.status) << c.method << " " << c.target << " → " << result.body;
    const auto error = Json(result.body);
    EXPECT_EQ(c.code, error->optValue<std::string>("code", "")) << result.body;
    EXPECT_EQ(std::to_string(c.status), error->optValue<std::string>("status", ""));
    EXPECT_FALSE(error->has("error"));
  }
  // The native API keeps its own error body.
  const auto native =
      testing::HttpCall(runtime_->http_port(), "GET", "/api/v1/customers/no-such-id", "",
                        testing::BearerHeader(gd_manager_));
  EXPECT_TRUE(Json(native.body)->has("error"));
}

TEST_P(Tmf629Test, ScopeAndOwnCustomersAreTheNativeOnes) {
  const std::string gz = Create("广州客户甲", "91440300708461136T", "440100");
  const std::string sz = Create("深圳客户乙", "91110000802100433B", "440300");
  const auto outside = Call(&sz_staff_, "GET", std::string(kBase) + "/" + gz);
  EXPECT_EQ(404, outside.status);
  EXPECT_EQ("not_found", Json(outside.body)->getValue<std::string>("code"));
  EXPECT_EQ(200, Call(&sz_staff_, "GET", std::string(kBase) + "/" + sz).status);
  const auto list = Call(&sz_staff_, "GET", kBase);
  EXPECT_EQ("1", list.Header("X-Total-Count"));
  EXPECT_EQ(sz, JsonArray(list.body)->getObject(0)->getValue<std::string>("id"));
  // Writing is refused by permission before scope is looked at; outside scope is 404 for
  // a writer too.
  EXPECT_EQ(403, Call(&sz_staff_, "DELETE", std::string(kBase) + "/" + sz).status);
  EXPECT_EQ(404, Call(&gz_am_, "PATCH", std::string(kBase) + "/" + gz, R"({"name":"x"})").status);
  EXPECT_EQ(404, Call(&gz_am_, "DELETE", std::string(kBase) + "/" + sz).status);
  EXPECT_EQ("0", Call(&gz_am_, "GET", kBase).Header("X-Total-Count"));  // manages none
}

TEST_P(Tmf629Test, AnAccountManagerWhoHandsACustomerOverGetsTheRowAsWrittenAndTheNodeLives) {
  const auto other = testing::AddTestUser(runtime_->storage(), "gz-am2", "440100",
                                          {"account_manager"}, SystemClock().NowMs());
  const std::string party =
      "{\"id\":\"" + other.id + "\",\"role\":\"accountManager\",\"@referredType\":\"Individual\"}";
  // The service adds the caller to the managers; the caller then leaves only the other one.
  const auto created = Call(&gz_am_, "POST", kBase,
                            CreateBody("广州交接客户", "91440300708461136T", "440100",
                                       ",\"relatedParty\":[" + party + "]"));
  ASSERT_EQ(201, created.status) << created.body;
  const std::string id = Json(created.body)->getValue<std::string>("id");
  const std::string path = std::string(kBase) + "/" + id;
  const auto patched = Call(&gz_am_, "PATCH", path, "{\"relatedParty\":[" + party + "]}",
                            {{"Content-Type", "application/merge-patch+json"}});
  ASSERT_EQ(200, patched.status) << patched.body;
  EXPECT_EQ("true", patched.Header("X-MAMS-Out-Of-Scope"));
  const auto body = Json(patched.body);
  EXPECT_EQ(id, body->getValue<std::string>("id"));
  ASSERT_EQ(1u, body->getArray("relatedParty")->size());
  EXPECT_EQ(other.id, body->getArray("relatedParty")->getObject(0)->getValue<std::string>("id"));
  EXPECT_NE(created.Header("ETag"), patched.Header("ETag"));
  EXPECT_EQ(1, runtime_->storage()
                   .Open()
                   ->Query("SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?",
                           {std::string("customer.update"), id})
                   .ScalarInt());
  // The node still answers; the customer is now out of the caller's sight.
  EXPECT_EQ(404, Call(&gz_am_, "GET", path).status);
  const auto seen = Call(&other, "GET", path);
  EXPECT_EQ(200, seen.status);
  EXPECT_EQ(patched.Header("ETag"), seen.Header("ETag"));
}

TEST_P(Tmf629Test, ANameFilterTakesPercentAndUnderscoreLiterally) {
  const std::string percent = Create("100%达标", "91440300708461136T", "440100");
  Create("100X达标", "91110000802100433B", "440100");
  const std::string underscore = Create("客户_甲", "91110108551385082Q", "440100");
  const auto only = [this](const std::string& name) {
    const auto list = Call(&gd_manager_, "GET", std::string(kBase) + "?name=" + name);
    EXPECT_EQ("1", list.Header("X-Total-Count")) << name;
    return list.status == 200 && JsonArray(list.body)->size() == 1
               ? JsonArray(list.body)->getObject(0)->getValue<std::string>("id")
               : "";
  };
  EXPECT_EQ(percent, only("100%25"));
  EXPECT_EQ(underscore, only("_"));
}

TEST_P(Tmf629Test, ControlCharactersAreRefusedNamingTheTmfAttribute) {
  const auto attribute = [](const HttpResult& result) {
    const std::string message = Json(result.body)->getValue<std::string>("message");
    return message.substr(0, message.find(';'));
  };
  const auto named = Call(&gd_manager_, "POST", kBase,
                          CreateBody("广州\\u0000某某", "91440300708461136T", "440100"));
  EXPECT_EQ(422, named.status) << named.body;
  EXPECT_EQ("attribute: name", attribute(named));
  const auto remarks = Call(
      &gd_manager_, "POST", kBase,
      R"({"name":"广州某某","engagedParty":{"id":"91440300708461136T","@referredType":)"
      R"("Organization"},"characteristic":[{"name":"industry","value":"I"},{"name":"level",)"
      R"("value":"local"},{"name":"org","value":"440100"},{"name":"remarks","value":"备\u0001注"}]})");
  EXPECT_EQ(422, remarks.status) << remarks.body;
  EXPECT_EQ("attribute: characteristic.remarks", attribute(remarks));
  const std::string path =
      std::string(kBase) + "/" + Create("广州某某", "91440300708461136T", "440100");
  const auto reason =
      Call(&gd_manager_, "PATCH", path, R"({"status":"active","statusReason":"签\u0000约"})");
  EXPECT_EQ(422, reason.status) << reason.body;
  EXPECT_EQ("attribute: statusReason", attribute(reason));
}

MAMS_TEST_ON_BOTH_BACKENDS(Tmf629Test);

}  // namespace
}  // namespace mams
