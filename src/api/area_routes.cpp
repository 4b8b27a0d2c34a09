// The administrative tree: reference data every logged-in user may read.
#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"

namespace phongdich::api {

namespace {

HttpResponse list_areas(RouteContext& context) {
  context.require(Permission::read_reference, 0);
  const AreaForest& areas = context.registry().areas();
  const auto tree = context.request.param("tree");
  const auto parent = context.request.param("parent");
  Json items = Json::array();
  if (parent) {
    const Area& area = area_param(context.registry(), *parent);
    for (AreaId id : areas.children(area.id)) items.push_back(area_json(*areas.find(id), areas));
  } else {
    for (const Area& area : areas.all()) {
      if (area.parent_id) continue;
      if (tree && area.tree != *tree) continue;
      items.push_back(area_json(area, areas));
    }
  }
  return json_response(200, dump(Json{{"items", items}}));
}

HttpResponse show_area(RouteContext& context) {
  context.require(Permission::read_reference, 0);
  const AreaForest& areas = context.registry().areas();
  const Area& area = area_param(context.registry(), context.params.at("area"));
  Json json = area_json(area, areas);
  Json children = Json::array();
  for (AreaId id : areas.children(area.id)) children.push_back(area_json(*areas.find(id), areas));
  Json path = Json::array();
  for (AreaId id : areas.path_to_root(area.id)) path.push_back(area_json(*areas.find(id), areas));
  json["children"] = children;
  json["path"] = path;
  return json_response(200, dump(json));
}

}  // namespace

void add_area_routes(Router& router) {
  router.add({"GET", "/api/v1/areas", "read_reference", RouteAccess::checked, list_areas,
              StoreUse::reads});
  router.add({"GET", "/api/v1/areas/{area}", "read_reference", RouteAccess::checked, show_area,
              StoreUse::reads});
}

}  // namespace phongdich::api
