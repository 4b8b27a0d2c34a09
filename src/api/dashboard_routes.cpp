// The dashboard of an area in one answer: its coverage against the targets,
// the same for each child area (for the drill-down nation → province →
// district → commune), the communes furthest from a target, and the doses
// given per week. One answer, because the web dashboard's first render must
// not wait for a round trip per child area; everything comes from one pass of
// the registry index (aggregates only: no names, so read_aggregate suffices).
#include <algorithm>
#include <map>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"

namespace phongdich::api {

namespace {

std::vector<std::pair<std::string, std::string>> tree_path(const AreaForest& areas, AreaId id) {
  std::vector<std::pair<std::string, std::string>> path;
  for (AreaId a : areas.path_to_root(id)) {
    const Area* area = areas.find(a);
    path.emplace_back(area->tree, area->code);
  }
  return path;
}

// The report of one child area or commune, with the targets in force there
// (a subtree may have its own version).
CoverageReport report_for(Registry& registry, const Area& area, const CoverageCell& cell,
                          Date as_of) {
  const TargetVersion* targets =
      registry.targets().targets.in_force(as_of, tree_path(registry.areas(), area.id));
  return build_coverage_report(cell, as_of, targets, area.official_population);
}

Json target_rows(const CoverageReport& report) {
  Json rows = Json::array();
  for (const TargetResult& t : report.targets) {
    rows.push_back({{"id", t.target.id},
                    {"numerator", t.numerator},
                    {"denominator", t.denominator},
                    {"share", t.share},
                    {"threshold", t.target.threshold},
                    {"gap", t.gap},
                    {"met", t.met}});
  }
  return rows;
}

// The ancestor of `commune` that is a direct child of `parent`, or null.
const Area* child_holding(const AreaForest& areas, AreaId parent, AreaId commune) {
  for (AreaId a : areas.path_to_root(commune)) {
    const Area* area = areas.find(a);
    if (area->parent_id && *area->parent_id == parent) return area;
  }
  return nullptr;
}

// Doses given per week (weeks start on Monday) over the `weeks` weeks ending
// with the week of `as_of`, by dose kind.
Json doses_by_week(Registry& registry, const Area& area, Date as_of, size_t weeks) {
  RegistryIndex& index = registry.index();
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0.
  const int32_t monday = as_of.days() - ((as_of.days() % 7 + 7 + 3) % 7);
  const int32_t first = monday - static_cast<int32_t>(7 * (weeks - 1));
  const int32_t last = as_of.days();
  std::vector<std::array<uint64_t, 4>> counts(weeks, {0, 0, 0, 0});
  const auto count = [&](RegistryIndex::Slot person) {
    for (const CompactDose& dose : index.doses(person)) {
      const int32_t day = dose.date_days();
      if (day < first || day > last) continue;
      ++counts[static_cast<size_t>((day - first) / 7)][dose.kind];
    }
  };
  const std::vector<uint16_t> slots = registry.commune_slots_in(area);
  size_t members = 0;
  for (uint16_t slot : slots) members += index.persons_in_commune(slot).size();
  if (members * 4 < index.size()) {
    // A few communes: visit their members.
    for (uint16_t slot : slots) {
      for (RegistryIndex::Slot person : index.persons_in_commune(slot)) count(person);
    }
  } else {
    // Much of the registry: one pass in memory order beats jumping by member lists.
    std::vector<bool> inside(index.communes().size(), false);
    for (uint16_t slot : slots) inside[slot] = true;
    for (RegistryIndex::Slot person = 0; person < index.size(); ++person) {
      if (inside[index.row(person).commune_slot]) count(person);
    }
  }
  Json rows = Json::array();
  for (size_t w = 0; w < weeks; ++w) {
    Json row = {{"week_start", Date::from_days(first + static_cast<int32_t>(7 * w)).iso()}};
    for (int k = 0; k < 4; ++k) row[to_string(static_cast<DoseKind>(k))] = counts[w][k];
    rows.push_back(row);
  }
  return rows;
}

HttpResponse dashboard(RouteContext& context) {
  Registry& registry = context.registry();
  const AreaForest& areas = registry.areas();
  const Area& area = area_param(registry, context.params.at("area"));
  context.require(Permission::read_aggregate, area.id);
  const Date as_of = date_param(context.request, "as_of", context.today);
  const size_t weeks = size_param(context.request, "weeks", 12, 104);
  const size_t behind_limit = size_param(context.request, "behind", 10, 1000);
  const std::string target_id = context.request.param("target").value_or("T1");
  if (weeks == 0) throw bad_field("weeks", "phải từ 1 đến 104", "must be 1 to 104");

  // Reports change only with a write through the API (see cached_report).
  const std::string key = "dashboard " + std::to_string(area.id) + " " + as_of.iso() + " " +
                          std::to_string(weeks) + " " + std::to_string(behind_limit) + " " +
                          target_id;
  if (auto cached = context.service.cached_report(key)) return json_response(200, *cached);

  const CoverageCube cube = registry.coverage_cube(area, as_of);
  Json json;
  json["as_of"] = as_of.iso();
  Json area_detail = area_json(area, areas);
  Json path = Json::array();
  for (AreaId id : areas.path_to_root(area.id)) path.push_back(area_json(*areas.find(id), areas));
  area_detail["path"] = path;
  json["area"] = area_detail;
  const CoverageCell totals = cube.sum();
  json["registered"] = totals.total();
  json["coverage"] = coverage_json(report_for(registry, area, totals, as_of));

  // Cells per child area and per commune of the area's own tree: a record
  // counts in the commune that holds its commune now.
  std::map<AreaId, CoverageCell> by_child;
  std::map<AreaId, CoverageCell> by_commune;
  for (AreaId id : areas.children(area.id)) by_child[id];
  for (size_t i = 0; i < cube.communes.size(); ++i) {
    const auto counted = areas.commune_in_tree(cube.communes[i], area.tree);
    if (!counted) continue;
    by_commune[*counted].add(cube.cells[i]);
    if (const Area* child = child_holding(areas, area.id, *counted))
      by_child[child->id].add(cube.cells[i]);
  }
  Json children = Json::array();
  for (const auto& [id, cell] : by_child) {
    const Area& child = *areas.find(id);
    children.push_back({{"area", area_json(child, areas)},
                        {"registered", cell.total()},
                        {"targets", target_rows(report_for(registry, child, cell, as_of))}});
  }
  json["children"] = children;

  // The communes furthest from the chosen target: largest gap in people first.
  struct Behind {
    const Area* commune;
    uint64_t registered;
    TargetResult result;
  };
  std::vector<Behind> behind;
  for (const auto& [id, cell] : by_commune) {
    const Area& commune = *areas.find(id);
    const CoverageReport report = report_for(registry, commune, cell, as_of);
    for (const TargetResult& t : report.targets) {
      if (t.target.id == target_id) behind.push_back({&commune, cell.total(), t});
    }
  }
  std::stable_sort(behind.begin(), behind.end(), [](const Behind& a, const Behind& b) {
    if (a.result.gap != b.result.gap) return a.result.gap > b.result.gap;
    return a.result.share < b.result.share;
  });
  if (behind.size() > behind_limit) behind.resize(behind_limit);
  Json behind_rows = Json::array();
  for (const Behind& b : behind) {
    behind_rows.push_back({{"area", area_json(*b.commune, areas)},
                           {"registered", b.registered},
                           {"target", b.result.target.id},
                           {"numerator", b.result.numerator},
                           {"denominator", b.result.denominator},
                           {"share", b.result.share},
                           {"threshold", b.result.target.threshold},
                           {"gap", b.result.gap},
                           {"met", b.result.met}});
  }
  json["communes_behind"] = behind_rows;
  json["doses_by_week"] = doses_by_week(registry, area, as_of, weeks);

  std::string body = dump(json);
  context.service.cache_report(key, body);
  return json_response(200, body);
}

}  // namespace

void add_dashboard_routes(Router& router) {
  router.add({"GET", "/api/v1/dashboard/{area}", "read_aggregate", RouteAccess::checked, dashboard,
              StoreUse::reads});
}

}  // namespace phongdich::api
