// The epidemic reports of an area: the weekly indicators and the epidemic
// level of each of its communes with the reasons behind it, and the epidemic
// curve with Rt. Aggregates only: no person is named.
#include <cstdio>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"
#include "api/surveillance_json.hpp"
#include "domain/epidemic_level.hpp"
#include "domain/reproduction_number.hpp"
#include "domain/serial_interval.hpp"
#include "domain/week_index.hpp"

namespace phongdich::api {

namespace {

std::string iso_week_text(WeekIndex week) {
  const IsoWeek iso = iso_week(monday_of(week));
  char text[16];
  std::snprintf(text, sizeof text, "%04d-W%02u", iso.year, iso.week);
  return text;
}

// "2022-W05"; by default the last complete week (levels are assessed on
// complete weeks).
WeekIndex week_param(const HttpRequest& request, Date today) {
  const auto text = request.param("week");
  if (!text) return week_of(today) - 1;
  int year = 0;
  unsigned week = 0;
  char tail = 0;
  if (text->size() != 8 || std::sscanf(text->c_str(), "%4d-W%2u%c", &year, &week, &tail) != 2 ||
      week < 1 || week > 53 || year < 2000 || year > 2100) {
    throw bad_field("week", "tuần ISO dạng 2022-W05", "an ISO week such as 2022-W05");
  }
  const WeekIndex index = week_of(IsoWeek{year, week});
  if (iso_week(monday_of(index)).week != week) {
    throw bad_field("week", "năm này không có tuần 53", "this year has no week 53");
  }
  return index;
}

Json counts_json(const WeekCounts& c) {
  return {{"new_cases", c.new_cases}, {"hospitalised", c.hospitalised},
          {"oxygen", c.oxygen},       {"deaths", c.deaths},
          {"tests", c.tests},         {"positive_tests", c.positive_tests}};
}

Json rates_json(const WeekRates& r) {
  return {{"new_cases", r.new_cases_per_100k},
          {"hospitalised", r.hospitalised_per_100k},
          {"oxygen", r.oxygen_per_100k},
          {"deaths", r.deaths_per_100k},
          {"tests", r.tests_per_100k},
          {"positivity", r.positivity ? Json(*r.positivity) : Json(nullptr)}};
}

Json area_week_json(const AreaWeek& week, const Area& area, const AreaForest& areas) {
  return {{"area", area_json(area, areas)},
          {"population", week.population},
          {"counts", counts_json(week.counts)},
          {"per_100k", rates_json(week.rates)},
          {"deaths_alert", week.deaths_alert}};
}

Json level_json(const LevelAssessment& level) {
  Json reasons = Json::array();
  for (const LevelReason& r : level.reasons) {
    reasons.push_back({{"criterion", r.criterion},
                       {"measure", r.measure},
                       {"value", r.value ? Json(*r.value) : Json(nullptr)},
                       {"band", r.band},
                       {"effect", r.effect},
                       {"message_vi", r.text_vi},
                       {"message_en", r.text_en}});
  }
  return {
      {"level", level.level},     {"colour", level.colour},           {"name_vi", level.name_vi},
      {"name_en", level.name_en}, {"rule_version", level.version_id}, {"source", level.source},
      {"reasons", reasons}};
}

std::optional<double> share(uint64_t numerator, uint64_t denominator) {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

// The coverage criteria (C2) of a commune from the registry's cells that count in it.
LevelInputs coverage_inputs(const CoverageCell& cell) {
  LevelInputs inputs;
  inputs.adult_one_dose_share =
      share(cell.count(TargetPopulation::age18_plus, VaccinationStatus::partial),
            cell.count(TargetPopulation::age18_plus, VaccinationStatus::none));
  inputs.fully_vaccinated_share = share(
      cell.count(TargetPopulation::everyone, VaccinationStatus::primary_complete), cell.total());
  inputs.high_risk_fully_vaccinated_share = share(
      cell.count(TargetPopulation::age50_plus_and_high_risk, VaccinationStatus::primary_complete),
      cell.count(TargetPopulation::age50_plus_and_high_risk, VaccinationStatus::none));
  return inputs;
}

HttpResponse weekly_indicators(RouteContext& context) {
  Registry& registry = context.registry();
  Surveillance& surveillance = context.surveillance();
  const AreaForest& areas = registry.areas();
  const Area& area = area_param(registry, context.params.at("area"));
  context.require(Permission::read_aggregate, area.id);
  const WeekIndex week = week_param(context.request, context.today);
  const Date sunday = sunday_of(week);
  const double deaths_alert = surveillance.targets().in_force(sunday).deaths_per_100k_alert;
  const WeeklyIndicators& indicators = surveillance.picture().indicators(area.tree);
  const auto range = indicators.slot_range(area.id);
  if (!range) throw not_found("địa bàn", "Area");

  // Denominators and coverage per commune of the area's tree, from the
  // registry as of the week's Sunday: the registered population, or the
  // official figure where one is given.
  const CoverageCube cube = registry.coverage_cube(area, sunday);
  std::vector<CoverageCell> cells(indicators.commune_count());
  for (size_t i = 0; i < cube.communes.size(); ++i) {
    const auto commune = areas.commune_in_tree(cube.communes[i], area.tree);
    if (!commune) continue;
    if (const auto slot = indicators.slot_of(*commune)) cells[*slot].add(cube.cells[i]);
  }
  const auto population_of = [&](uint32_t slot) -> int64_t {
    const Area* commune = areas.find(indicators.commune_at(slot));
    if (commune && commune->official_population) return *commune->official_population;
    return static_cast<int64_t>(cells[slot].total());
  };

  // Care capacity (C3, target T8) of each commune, from its stations'
  // declared capacity and the households of the registry.
  std::vector<std::optional<CommuneCareCapacity>> capacity(indicators.commune_count());
  for (CommuneCareCapacity& c :
       surveillance.care_capacity(context.store(), area.tree, sunday, context.now_ms)) {
    if (const auto slot = indicators.slot_of(c.commune)) capacity[*slot] = std::move(c);
  }

  Json communes = Json::array();
  int64_t communes_meeting_t8 = 0, communes_assessed_t8 = 0;
  int64_t area_population = 0;
  for (uint32_t slot = range->first; slot < range->second; ++slot) {
    const int64_t population = population_of(slot);
    area_population += population;
    const AreaId commune_id = indicators.commune_at(slot);
    const AreaWeek commune_week = indicators.area_week(commune_id, week, population, deaths_alert);
    LevelInputs inputs = coverage_inputs(cells[slot]);
    inputs.new_cases_per_100k = commune_week.rates.new_cases_per_100k;
    inputs.oxygen_per_100k = commune_week.rates.oxygen_per_100k;
    inputs.deaths_per_100k = commune_week.rates.deaths_per_100k;
    Json json = area_week_json(commune_week, *areas.find(commune_id), areas);
    json["care_capacity"] = nullptr;
    if (const auto& care = capacity[slot]) {
      if (care->assessed()) {
        inputs.capacity_met = care->capacity.met;
        ++communes_assessed_t8;
        communes_meeting_t8 += care->capacity.met ? 1 : 0;
      }
      json["care_capacity"] = care_capacity_json(*care);
    }
    json["level"] = level_json(assess_level(surveillance.level_rules(), inputs, week));
    communes.push_back(std::move(json));
  }
  if (area.official_population) area_population = *area.official_population;
  const AreaWeek total = indicators.area_week(area.id, week, area_population, deaths_alert);
  Json json = area_week_json(total, area, areas);
  json["week"] = {{"iso", iso_week_text(week)},
                  {"monday", monday_of(week).iso()},
                  {"sunday", sunday.iso()},
                  {"complete", sunday < context.today}};
  json["care_capacity"] = {{"communes_assessed", communes_assessed_t8},
                           {"communes_meeting_target", communes_meeting_t8}};
  json["communes"] = std::move(communes);
  return json_response(200, dump(json));
}

HttpResponse epidemic_curve(RouteContext& context) {
  Registry& registry = context.registry();
  Surveillance& surveillance = context.surveillance();
  const Area& area = area_param(registry, context.params.at("area"));
  context.require(Permission::read_aggregate, area.id);
  const Date to = date_param(context.request, "to", context.today);
  const Date from = date_param(context.request, "from", to.plus_days(-119));
  if (from > to || to - from > 3 * 366) {
    throw bad_field("from", "từ 1 ngày đến 3 năm trước 'to'", "1 day to 3 years before 'to'");
  }
  const DailyCases cases = surveillance.picture().daily_cases(area, from, to);
  Json days = Json::array();
  for (size_t i = 0; i < cases.local.size(); ++i) {
    days.push_back({{"date", from.plus_days(static_cast<int32_t>(i)).iso()},
                    {"local", cases.local[i]},
                    {"imported", cases.imported[i]}});
  }
  const RtSettings& settings = surveillance.rt_settings();
  Json rt = Json::array();
  const auto si = SerialInterval::discretised_gamma(settings.si_mean_days, settings.si_sd_days,
                                                    cases.local.size());
  if (const auto* interval = std::get_if<SerialInterval>(&si); interval && cases.local.size() > 8) {
    RtOptions options;
    options.windows = sliding_windows(cases.local.size(), settings.window_days);
    options.mean_prior = settings.prior_mean;
    options.std_prior = settings.prior_sd;
    const auto result = estimate_reproduction_number(IncidenceCounts{cases.local, cases.imported},
                                                     *interval, options);
    if (const auto* estimates = std::get_if<RtResult>(&result)) {
      for (const RtEstimate& e : estimates->estimates) {
        // A window with no infectious case before it keeps the prior's scale:
        // it says nothing about transmission, and is left out.
        const double prior_scale = options.std_prior * options.std_prior / options.mean_prior;
        if (e.scale >= prior_scale * (1 - 1e-12)) continue;
        rt.push_back({{"from", from.plus_days(e.window.start - 1).iso()},
                      {"to", from.plus_days(e.window.end - 1).iso()},
                      {"mean", e.mean},
                      {"median", e.median()},
                      {"lower_95", e.quantiles[0]},
                      {"upper_95", e.quantiles[6]}});
      }
    }
  }
  return json_response(200,
                       dump(Json{{"area", area_json(area, registry.areas())},
                                 {"days", days},
                                 {"rt", rt},
                                 {"serial_interval",
                                  {{"mean_days", settings.si_mean_days},
                                   {"sd_days", settings.si_sd_days},
                                   {"source", settings.si_source}}},
                                 {"method", "Cori et al. (2013), EpiEstim; sliding windows of " +
                                                std::to_string(settings.window_days) + " days"}}));
}

}  // namespace

void add_epidemic_routes(Router& router) {
  // Not concurrent reads: the first request loads the picture from the store.
  router.add({"GET", "/api/v1/indicators/{area}", "read_aggregate", RouteAccess::checked,
              weekly_indicators});
  router.add(
      {"GET", "/api/v1/epidemic/{area}", "read_aggregate", RouteAccess::checked, epidemic_curve});
}

}  // namespace phongdich::api
