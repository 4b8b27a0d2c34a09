// Coverage against the targets (aggregates) and the due / overdue lists of a
// commune (personal data: names, phones).
#include <algorithm>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"
#include "domain/age_group.hpp"

namespace phongdich::api {

namespace {

HttpResponse coverage(RouteContext& context) {
  Registry& registry = context.registry();
  const Area& area = area_param(registry, context.params.at("area"));
  context.require(Permission::read_aggregate, area.id);
  const Date as_of = date_param(context.request, "as_of", context.today);
  const std::string by = context.request.param("by").value_or("");
  if (!by.empty() && by != "commune") {
    throw bad_field("by", "chỉ hỗ trợ \"commune\"", "only \"commune\" is supported");
  }
  const std::string key = "coverage " + std::to_string(area.id) + " " + as_of.iso() + " " + by;
  if (auto cached = context.service.cached_report(key)) return json_response(200, *cached);
  Json json = coverage_json(registry.coverage_report(area, as_of));
  json["area"] = area_json(area, registry.areas());
  if (by == "commune") {
    const CoverageCube cube = registry.coverage_cube(area, as_of);
    Json communes = Json::array();
    for (size_t i = 0; i < cube.communes.size(); ++i) {
      const CoverageCell& cell = cube.cells[i];
      const Area* commune = registry.areas().find(cube.communes[i]);
      communes.push_back(
          {{"area", commune ? area_json(*commune, registry.areas()) : Json(nullptr)},
           {"registered", cell.total()},
           {"partial_or_more", cell.count(TargetPopulation::everyone, VaccinationStatus::partial)},
           {"primary_complete_or_more",
            cell.count(TargetPopulation::everyone, VaccinationStatus::primary_complete)}});
    }
    json["communes"] = communes;
  }
  std::string body = dump(json);
  context.service.cache_report(key, body);
  return json_response(200, body);
}

bool keep_entry(const DueEntry& entry, const std::string& only) {
  if (only.empty()) return true;
  if (only == "due") return !entry.overdue;
  if (only == "overdue") return entry.overdue;
  return entry.home_visit;  // "home_visit"
}

HttpResponse due_list(RouteContext& context) {
  Registry& registry = context.registry();
  const Area& commune = area_param(registry, context.params.at("commune"));
  if (commune.level != AreaLevel::commune) {
    throw bad_field("commune", "phải là một xã/phường", "must be a commune");
  }
  const std::string target = area_target(commune);
  context.require(Permission::read_personal, commune.id, std::nullopt, "due_list.read", target);
  const Date as_of = date_param(context.request, "as_of", context.today);
  const std::string only = context.request.param("only").value_or("");
  if (!only.empty() && only != "due" && only != "overdue" && only != "home_visit") {
    throw bad_field("only", "due, overdue hoặc home_visit", "due, overdue or home_visit");
  }
  const std::string sort = context.request.param("sort").value_or("priority");
  if (sort != "priority" && sort != "next_due" && sort != "-days_late") {
    throw bad_field("sort", "priority, next_due hoặc -days_late",
                    "priority, next_due or -days_late");
  }
  const size_t limit = limit_param(context.request, 50);
  const size_t offset = size_param(context.request, "offset", 0, 10'000'000);

  DueList list = registry.due_list(commune, as_of);
  std::vector<DueEntry> entries;
  for (DueEntry& entry : list.entries) {
    if (keep_entry(entry, only)) entries.push_back(std::move(entry));
  }
  // The list comes in priority order; the other orders are stable re-sorts of it.
  if (sort == "next_due") {
    std::stable_sort(entries.begin(), entries.end(),
                     [](const DueEntry& a, const DueEntry& b) { return a.next_due < b.next_due; });
  } else if (sort == "-days_late") {
    std::stable_sort(entries.begin(), entries.end(), [](const DueEntry& a, const DueEntry& b) {
      return a.days_late > b.days_late;
    });
  }
  const size_t total = entries.size();
  const size_t begin = std::min(offset, total);
  const size_t end = std::min(total, begin + limit);
  std::vector<PersonId> ids;
  for (size_t i = begin; i < end; ++i) ids.push_back(entries[i].person_id);
  const std::vector<StoredPerson> persons = context.store().persons_by_ids(ids);
  Json items = Json::array();
  for (size_t i = begin, p = 0; i < end; ++i) {
    const DueEntry& e = entries[i];
    // persons_by_ids keeps the order of ids and leaves out none that exist.
    while (p < persons.size() && persons[p].person.id != e.person_id) ++p;
    const StoredPerson* person = p < persons.size() ? &persons[p] : nullptr;
    items.push_back(
        {{"person_id", e.person_id},
         {"full_name", person ? Json(person->person.full_name) : Json(nullptr)},
         {"birth_date", person ? Json(person->person.birth_date.iso()) : Json(nullptr)},
         {"phone", person && person->person.phone ? Json(*person->person.phone) : Json(nullptr)},
         {"status", to_string(e.status)},
         {"next_kind", to_string(e.next_kind)},
         {"next_due", e.next_due.iso()},
         {"products", e.products},
         {"days_late", e.days_late},
         {"overdue", e.overdue},
         {"priority", e.priority},
         {"high_risk", e.high_risk},
         {"age50_plus", e.age50_plus},
         {"home_visit", e.home_visit}});
  }
  context.audit("due_list.read", target, commune.id, "ok",
                std::to_string(items.size()) + " listed");
  return json_response(200, dump(Json{{"as_of", as_of.iso()},
                                      {"commune", area_json(commune, registry.areas())},
                                      {"due_count", list.due_count},
                                      {"overdue_count", list.overdue_count},
                                      {"overdue_after_days", list.overdue_after_days},
                                      {"items", items},
                                      {"total", total},
                                      {"limit", limit},
                                      {"offset", offset}}));
}

}  // namespace

void add_report_routes(Router& router) {
  router.add({"GET", "/api/v1/coverage/{area}", "read_aggregate", RouteAccess::checked, coverage,
              StoreUse::reads});
  router.add({"GET", "/api/v1/due-lists/{commune}", "read_personal", RouteAccess::checked, due_list,
              StoreUse::reads});
  add_dashboard_routes(router);
  add_phone_search_routes(router);
}

}  // namespace phongdich::api
