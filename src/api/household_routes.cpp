// A household and the persons who live in it (personal data of its commune).
#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"

namespace phongdich::api {

namespace {

HttpResponse show_household(RouteContext& context) {
  Registry& registry = context.registry();
  const HouseholdId id = id_param(context.params, "id");
  const auto household = context.store().household(id);
  if (!household) throw not_found("hộ gia đình", "Household");
  const std::string target = "household:" + std::to_string(id);
  context.require(Permission::read_personal, household->area_id, std::nullopt, "household.read",
                  target);
  std::string answer;
  JsonWriter json(answer);
  json.begin_object()
      .key("household")
      .begin_object()
      .member("id", household->id)
      .member("area", area_ref(registry.areas(), household->area_id))
      .member("code", household->code)
      .member("address", household->address)
      .end_object()
      .key("members")
      .begin_array();
  for (const StoredPerson& p : context.store().household_members(*household)) {
    write_person(json, p, registry.areas());
  }
  json.end_array().end_object();
  context.audit("household.read", target, household->area_id);
  return json_response(200, std::move(answer));
}

}  // namespace

void add_household_routes(Router& router) {
  router.add({"GET", "/api/v1/households/{id}", "read_personal", RouteAccess::checked,
              show_household, StoreUse::reads});
}

}  // namespace phongdich::api
