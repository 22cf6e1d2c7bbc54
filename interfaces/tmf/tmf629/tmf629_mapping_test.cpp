#include "interfaces/tmf/tmf629/tmf629_mapping.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "node/http/json.h"

namespace mams::tmf629 {
namespace {

Poco::JSON::Object::Ptr Parse(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

CustomerRecord Sample() {
  CustomerRecord c;
  c.id = "c-1";
  c.customer_no = "KH0001";
  c.name = "广州某某科技有限公司";
  c.credit_code = "91440300708461136T";
  c.industry = "I";
  c.level = "local";
  c.org_code = "440100";
  c.state = "active";
  c.state_changed_at = "2026-02-01T00:00:00.000Z";
  c.value_grade = "B";
  c.revenue_12m = 42;
  c.address = "天河路1号";
  c.tags = {"ICT"};
  c.created_at = "2026-01-01T00:00:00.000Z";
  c.managers = {"u-1"};
  return c;
}

// The characteristic called `name` of a TMF customer, or an empty Var.
Poco::Dynamic::Var Characteristic(const Poco::JSON::Object& customer, const std::string& name) {
  const auto items = customer.getArray("characteristic");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto item = items->getObject(static_cast<unsigned int>(i));
    if (item->getValue<std::string>("name") == name) {
      return item->get("value");
    }
  }
  return {};
}

// The TMF attribute named by the ApiError that `f` throws, or "no error".
template <typename F>
std::string AttributeOfError(F f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.field();
  }
  return "no error";
}

TEST(Tmf629Mapping, CustomerCarriesTheMappedAttributes) {
  const auto out = Parse(http::ToJson(TmfCustomer(Sample())));
  EXPECT_EQ("c-1", out->getValue<std::string>("id"));
  EXPECT_EQ("/tmf-api/customerManagement/v4/customer/c-1", out->getValue<std::string>("href"));
  EXPECT_EQ("active", out->getValue<std::string>("status"));
  EXPECT_EQ("Customer", out->getValue<std::string>("@type"));
  const auto party = out->getObject("engagedParty");
  EXPECT_EQ("91440300708461136T", party->getValue<std::string>("id"));
  EXPECT_EQ("Organization", party->getValue<std::string>("@referredType"));
  EXPECT_EQ("KH0001", Characteristic(*out, "customerNo").toString());
  EXPECT_EQ("440100", Characteristic(*out, "org").toString());
  EXPECT_EQ(42, Characteristic(*out, "revenue12m").convert<int>());
  EXPECT_TRUE(Characteristic(*out, "relationshipGrade").isEmpty());  // unset: omitted
  const auto manager = out->getArray("relatedParty")->getObject(0);
  EXPECT_EQ("u-1", manager->getValue<std::string>("id"));
  EXPECT_EQ("accountManager", manager->getValue<std::string>("role"));
  EXPECT_FALSE(out->getObject("validFor")->has("endDateTime"));

  CustomerRecord churned = Sample();
  churned.state = "churned";
  churned.credit_code.reset();
  const auto gone = Parse(http::ToJson(TmfCustomer(churned)));
  EXPECT_EQ("2026-02-01T00:00:00.000Z",
            gone->getObject("validFor")->getValue<std::string>("endDateTime"));
  EXPECT_EQ("c-1", gone->getObject("engagedParty")->getValue<std::string>("id"));
}

TEST(Tmf629Mapping, FieldsSelectFirstLevelAttributes) {
  const auto out = Parse(http::ToJson(TmfCustomer(Sample(), ParseTmfFields(" name, status ,"))));
  std::vector<std::string> names;
  out->getNames(names);
  EXPECT_EQ((std::vector<std::string>{"@type", "engagedParty", "href", "id", "name", "status"}),
            names);
  EXPECT_FALSE(ParseTmfFields(std::nullopt).has_value());
  EXPECT_EQ("fields", AttributeOfError([] { ParseTmfFields("name,colour"); }));
}

TEST(Tmf629Mapping, ListFiltersMapOntoCustomerFilter) {
  const auto filter = TmfListFilter({{"limit", "2"},
                                     {"fields", "name"},
                                     {"name", "广州"},
                                     {"status", "active"},
                                     {"engagedParty.id", "91440300708461136T"},
                                     {"relatedParty.id", "u-1"}});
  EXPECT_EQ("广州", filter.name.value_or(""));
  EXPECT_EQ("active", filter.state.value_or(""));
  EXPECT_EQ("91440300708461136T", filter.credit_code.value_or(""));
  EXPECT_EQ("u-1", filter.manager.value_or(""));
  EXPECT_EQ("characteristic.industry", AttributeOfError([] {
              TmfListFilter({{"characteristic.industry", "I"}});
            }));
}

TEST(Tmf629Mapping, CreateReadsEveryMappedAttribute) {
  const auto input = TmfCreateInput(*Parse(R"({
      "name":"深圳客户","status":"active","@type":"Customer",
      "engagedParty":{"id":"91110000802100433B","name":"深圳客户","@referredType":"Organization"},
      "characteristic":[{"name":"industry","value":"C"},{"name":"level","value":"province"},
                        {"name":"org","value":"440300"},{"name":"customerNo","value":"KH9"},
                        {"name":"tags","valueType":"array","value":["重点","ICT"]},
                        {"name":"relationshipGrade","value":"partner"}],
      "relatedParty":[{"id":"u-2","role":"accountManager","@referredType":"Individual"}]})"));
  EXPECT_EQ("深圳客户", input.name.value_or(""));
  EXPECT_EQ("91110000802100433B", input.credit_code.value_or(""));
  EXPECT_EQ("active", input.state.value_or(""));
  EXPECT_EQ("C", input.industry.value_or(""));
  EXPECT_EQ("province", input.level.value_or(""));
  EXPECT_EQ("440300", input.org.value_or(""));
  EXPECT_EQ("KH9", input.customer_no.value_or(""));
  EXPECT_EQ("partner", input.relationship_grade.value_or(""));
  EXPECT_EQ((std::vector<std::string>{"重点", "ICT"}),
            input.tags.value_or(std::vector<std::string>{}));
  EXPECT_EQ(std::vector<std::string>{"u-2"}, input.managers.value_or(std::vector<std::string>{}));
}

TEST(Tmf629Mapping, CreateRefusesWhatTheSchemaOrMamsDoesNotAllow) {
  const std::string party =
      R"("engagedParty":{"id":"91110000802100433B","@referredType":"Organization"})";
  const struct {
    std::string body;
    std::string attribute;
  } cases[] = {
      {R"({"name":"x"})", "engagedParty"},
      {"{" + party + "}", "name"},
      {R"({"name":"x","engagedParty":{"id":"9"}})", "engagedParty.@referredType"},
      {R"({"name":"x","engagedParty":{"@referredType":"Organization"}})", "engagedParty.id"},
      {R"({"name":"x","engagedParty":{"id":"9","@referredType":"Individual"}})",
       "engagedParty.@referredType"},
      {R"({"name":null,)" + party + "}", "name"},
      {R"({"name":1,)" + party + "}", "name"},
      {R"({"name":"x","id":"mine",)" + party + "}", "id"},
      {R"({"name":"x","account":[],)" + party + "}", "account"},
      {R"({"name":"x","colour":"red",)" + party + "}", "colour"},
      {R"({"name":"x","@type":"Individual",)" + party + "}", "@type"},
      {R"({"name":"x","statusReason":"why",)" + party + "}", "statusReason"},
      {R"({"name":"x","characteristic":[{"name":"valueGrade","value":"A"}],)" + party + "}",
       "characteristic.valueGrade"},
      {R"({"name":"x","characteristic":[{"name":"colour","value":"red"}],)" + party + "}",
       "characteristic.colour"},
      {R"({"name":"x","characteristic":[{"name":"industry"}],)" + party + "}",
       "characteristic.industry"},
      {R"({"name":"x","characteristic":[{"value":"I"}],)" + party + "}", "characteristic.name"},
      {R"({"name":"x","characteristic":[{"name":"tags","value":"ICT"}],)" + party + "}",
       "characteristic.tags"},
      {R"({"name":"x","characteristic":[{"name":"org","value":"1"},{"name":"org","value":"2"}],)" +
           party + "}",
       "characteristic"},
      {R"({"name":"x","relatedParty":[{"id":"u","@referredType":"Individual"}],)" + party + "}",
       "relatedParty.role"},
      {R"({"name":"x","relatedParty":[{"id":"u","role":"owner","@referredType":"Individual"}],)" +
           party + "}",
       "relatedParty.role"},
      {R"({"name":"x","relatedParty":[{"role":"accountManager","@referredType":"Individual"}],)" +
           party + "}",
       "relatedParty.id"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.attribute, AttributeOfError([&] { TmfCreateInput(*Parse(c.body)); })) << c.body;
  }
}

TEST(Tmf629Mapping, PatchKeepsOnlyRealChanges) {
  const CustomerRecord current = Sample();
  // An echo of what GET returned changes nothing.
  const std::string echo = http::ToJson(TmfCustomer(current));
  const TmfPatch none = TmfPatchInput(*Parse(echo), current);
  EXPECT_FALSE(none.state_change.has_value());
  EXPECT_FALSE(none.changes.name || none.changes.credit_code || none.changes.industry ||
               none.changes.org || none.changes.address || none.changes.tags ||
               none.changes.managers || none.changes.relationship_grade);

  // Also for a churned customer, whose validFor has two members.
  CustomerRecord churned = current;
  churned.state = "churned";
  const TmfPatch churned_echo = TmfPatchInput(*Parse(http::ToJson(TmfCustomer(churned))), churned);
  EXPECT_FALSE(churned_echo.state_change.has_value());

  const TmfPatch some =
      TmfPatchInput(*Parse(R"({"name":"新名","characteristic":[{"name":"address","value":"珠江路"},
                 {"name":"org","value":"440100"},{"name":"relationshipGrade","value":null}],
                 "relatedParty":null})"),
                    current);
  EXPECT_EQ("新名", some.changes.name.value_or(""));
  EXPECT_EQ("珠江路", some.changes.address.value_or(""));
  EXPECT_FALSE(some.changes.org.has_value());                 // unchanged
  EXPECT_FALSE(some.changes.relationship_grade.has_value());  // null on an unset value
  EXPECT_TRUE(some.changes.managers.has_value() && some.changes.managers->empty());
}

TEST(Tmf629Mapping, PatchStatusChangesGoAlone) {
  const CustomerRecord current = Sample();
  const TmfPatch change = TmfPatchInput(
      *Parse(R"({"status":"suspended","statusReason":"欠费","name":"广州某某科技有限公司"})"),
      current);
  ASSERT_TRUE(change.state_change.has_value());
  EXPECT_EQ("suspended", change.state_change->to);
  EXPECT_EQ("欠费", change.state_change->reason);
  EXPECT_FALSE(TmfPatchInput(*Parse(R"({"status":"active"})"), current).state_change.has_value());

  const struct {
    std::string body;
    std::string attribute;
  } cases[] = {
      {R"({"status":"suspended","statusReason":"欠费","name":"新名"})", "status"},
      {R"({"statusReason":"why"})", "statusReason"},
      {R"({"characteristic":[{"name":"customerNo","value":"KH2"}]})", "characteristic.customerNo"},
      {R"({"characteristic":[{"name":"valueGrade","value":"A"}]})", "characteristic.valueGrade"},
      {R"({"id":"other"})", "id"},
      {R"({"engagedParty":null})", "engagedParty"},
      {R"({"characteristic":null})", "characteristic"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.attribute, AttributeOfError([&] { TmfPatchInput(*Parse(c.body), current); }))
        << c.body;
  }
}

TEST(Tmf629Mapping, ServiceErrorsNameTmfAttributes) {
  EXPECT_EQ("engagedParty.id", TmfAttributeFor("creditCode"));
  EXPECT_EQ("characteristic.industry", TmfAttributeFor("industry"));
  EXPECT_EQ("relatedParty", TmfAttributeFor("managers"));
  EXPECT_EQ("status", TmfAttributeFor("state"));
  EXPECT_EQ("statusReason", TmfAttributeFor("reason"));
  EXPECT_EQ("name", TmfAttributeFor("name"));
  EXPECT_EQ("", TmfAttributeFor(""));
  const ApiError renamed = WithTmfAttribute(
      ApiError(ErrorKind::kConflict, "duplicate_credit_code", "taken", "creditCode"));
  EXPECT_EQ(ErrorKind::kConflict, renamed.kind());
  EXPECT_EQ("duplicate_credit_code", renamed.code());
  EXPECT_EQ("engagedParty.id", renamed.field());
}

TEST(Tmf629Mapping, MergePatchContentTypes) {
  EXPECT_TRUE(IsMergePatchContentType("application/merge-patch+json"));
  EXPECT_TRUE(IsMergePatchContentType("application/json; charset=utf-8"));
  EXPECT_TRUE(IsMergePatchContentType("Application/JSON"));
  EXPECT_FALSE(IsMergePatchContentType("application/json-patch+json"));
  EXPECT_FALSE(IsMergePatchContentType("text/plain"));
  EXPECT_FALSE(IsMergePatchContentType(""));
}

}  // namespace
}  // namespace mams::tmf629
