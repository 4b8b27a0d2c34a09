// The OpenAPI document is true to the router: every route is documented with
// its permission, and every documented operation exists.
#include <set>

#include "api/api_fixture.hpp"
#include "api/routes.hpp"

namespace phongdich::testing {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

const nlohmann::json& document() {
  static const nlohmann::json doc = nlohmann::json::parse(api::kOpenApiDocument);
  return doc;
}

using OpenApi = ApiTest;

TEST_F(OpenApi, EveryRouteIsDocumentedWithItsPermission) {
  const auto& paths = document()["paths"];
  for (const api::Route& route : service_->router().routes()) {
    const std::string method = lower(route.method);
    ASSERT_TRUE(paths.contains(route.pattern)) << route.pattern << " is not in docs/openapi.json";
    ASSERT_TRUE(paths[route.pattern].contains(method))
        << route.method << " " << route.pattern << " is not in docs/openapi.json";
    const auto& operation = paths[route.pattern][method];
    EXPECT_EQ(operation.value("x-permission", ""), route.permission)
        << route.method << " " << route.pattern;
    // Public routes say so; the others need the bearer token.
    const bool documented_public = operation.contains("security") && operation["security"].empty();
    EXPECT_EQ(documented_public, route.access == api::RouteAccess::public_route)
        << route.method << " " << route.pattern;
  }
}

TEST_F(OpenApi, EveryDocumentedOperationExists) {
  std::set<std::string> routes;
  for (const api::Route& route : service_->router().routes()) {
    routes.insert(lower(route.method) + " " + route.pattern);
  }
  for (const auto& [path, operations] : document()["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      if (method == "parameters") continue;
      EXPECT_TRUE(routes.count(method + " " + path))
          << method << " " << path << " is documented but not served";
    }
  }
}

TEST_F(OpenApi, EveryPostButLoginAndLogoutDocumentsTheIdempotencyKey) {
  for (const api::Route& route : service_->router().routes()) {
    if (route.method != "POST") continue;
    const auto& operation = document()["paths"][route.pattern]["post"];
    bool has_key = false;
    for (const auto& parameter : operation.value("parameters", nlohmann::json::array())) {
      has_key = has_key || parameter.value("$ref", "") == "#/components/parameters/IdempotencyKey";
    }
    const bool exempt =
        route.pattern == "/api/v1/auth/login" || route.pattern == "/api/v1/auth/logout";
    EXPECT_EQ(has_key, !exempt) << route.pattern;
  }
}

TEST_F(OpenApi, TheServerServesTheDocument) {
  const HttpAnswer answer = call("GET", "/api/v1/openapi.json");
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.json(), document());
  EXPECT_EQ(document()["openapi"], "3.0.3");
}

}  // namespace
}  // namespace phongdich::testing
