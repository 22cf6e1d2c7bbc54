#include "node/http/openapi.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

namespace mams::http {
namespace {

HttpResponse Ok(const HttpRequest&) { return HttpResponse::Json(200, "{}"); }

TEST(OpenApiDocument, DescribesEveryRouteWithItsParametersAndPermission) {
  Router router;
  router.Add({"GET", "/healthz", kPublic, Ok, "Liveness"});
  router.Add({"GET", "/api/v1/customers/{id}/contacts/{contactId}", "customers:read", Ok, "One"});
  router.Add({"PATCH", "/api/v1/customers/{id}/contacts/{contactId}", "customers:write", Ok, "Edit"});
  const auto doc = Poco::JSON::Parser().parse(OpenApiDocument(router, "1.2.3"))
                       .extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ("3.0.3", doc->getValue<std::string>("openapi"));
  EXPECT_EQ("1.2.3", doc->getObject("info")->getValue<std::string>("version"));
  const auto paths = doc->getObject("paths");
  ASSERT_EQ(2u, paths->size());
  const auto contact = paths->getObject("/api/v1/customers/{id}/contacts/{contactId}");
  ASSERT_TRUE(contact->has("get"));
  ASSERT_TRUE(contact->has("patch"));
  const auto get = contact->getObject("get");
  EXPECT_EQ("customers:read", get->getValue<std::string>("x-permission"));
  const auto parameters = get->getArray("parameters");
  ASSERT_EQ(2u, parameters->size());
  EXPECT_EQ("contactId", parameters->getObject(1)->getValue<std::string>("name"));
  // Public routes say that they need no credentials; the others inherit the global ones.
  EXPECT_EQ(0u, paths->getObject("/healthz")->getObject("get")->getArray("security")->size());
  EXPECT_FALSE(get->has("security"));
  EXPECT_TRUE(doc->getObject("components")->getObject("securitySchemes")->has("bearerAuth"));
}

}  // namespace
}  // namespace mams::http
