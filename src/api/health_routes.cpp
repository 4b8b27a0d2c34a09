// Liveness, readiness and the API's own description: the routes a load
// balancer or an integrator calls without logging in.
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"

namespace phongdich::api {

void add_health_routes(Router& router) {
  // Alive, and where the concurrent reads went: to the hot standby (serve
  // --db-read) or to the primary (none configured, lagging or down).
  router.add({"GET", "/health", "public", RouteAccess::public_route,
              [](RouteContext& context) {
                const ReaderPool& readers = context.service.readers();
                return json_response(200, dump(Json{{"status", "ok"},
                                                    {"reads",
                                                     {{"standby_configured", readers.has_standby()},
                                                      {"on_standby", readers.standby_leases()},
                                                      {"on_primary", readers.primary_leases()}}}}));
              },
              StoreUse::none});
  router.add({"GET", "/ready", "public", RouteAccess::public_route, [](RouteContext& context) {
                // Ready once the store answers and the registry index is in memory:
                // before that, reports would stall behind the index load.
                try {
                  context.registry().store().meta("schema_check");
                } catch (const std::exception&) {
                  return json_response(503, R"({"status":"store unavailable"})");
                }
                if (!context.registry().index_loaded()) {
                  return json_response(503, R"({"status":"loading"})");
                }
                return json_response(200, R"({"status":"ready"})");
              }});
  router.add({"GET", "/api/v1/openapi.json", "public", RouteAccess::public_route,
              [](RouteContext&) { return json_response(200, kOpenApiDocument); }, StoreUse::none});
}

}  // namespace phongdich::api
