// Tests, cases (F0) and their care, the twice-daily home-care checks, the
// health station's alert list, facilities and their occupancy. Every record
// is personal data of the person it belongs to: access is decided by that
// person's commune, and every read and write is audited.
#include <algorithm>
#include <unordered_map>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/routes.hpp"
#include "api/surveillance_json.hpp"

namespace phongdich::api {

namespace {

std::string person_target(PersonId id) { return "person:" + std::to_string(id); }
std::string case_target(CaseId id) { return "case:" + std::to_string(id); }

// The person's commune, or 404.
AreaId area_of(Registry& registry, PersonId id) {
  const std::optional<AreaId> area = registry.area_of_person(id);
  if (!area) throw not_found("người", "Person");
  return *area;
}

// The case, after the access check on its person (read through `store`).
CovidCase case_for(RouteContext& context, Store& store, Permission permission,
                   const std::string& action) {
  const CaseId id = id_param(context.params, "id");
  std::optional<CovidCase> found = store.covid_case(id);
  if (!found) throw not_found("ca bệnh", "Case");
  context.require(permission, found->area_id, found->person_id, action, case_target(id));
  return std::move(*found);
}

// The names of the persons of a list, so that a page shows them without a
// request per row (the list's own audit entry covers them).
template <typename Record>
void add_names(Store& store, const std::vector<Record>& records, Json& items) {
  std::vector<PersonId> ids;
  for (const Record& r : records) ids.push_back(r.person_id);
  std::unordered_map<PersonId, std::string> names;
  for (const StoredPerson& p : store.persons_by_ids(ids)) names[p.person.id] = p.person.full_name;
  for (Json& item : items) {
    const auto it = names.find(item["person_id"].get<PersonId>());
    item["full_name"] = it == names.end() ? Json(nullptr) : Json(it->second);
  }
}

template <typename T>
T accepted(RouteContext& context, Written<T> written, const std::string& action,
           const std::string& target, AreaId area) {
  if (!written.ok()) {
    context.audit(action, target, area, "rejected", written.violations.front().code);
    throw rejected(written.violations);
  }
  return std::move(*written.value);
}

// ---- tests ----

HttpResponse record_test(RouteContext& context) {
  Registry& registry = context.registry();
  const PersonId id = id_param(context.params, "id");
  const AreaId area = area_of(registry, id);
  context.require(Permission::write_personal, area, id, "test.create", person_target(id));
  const Json body = parse_body(context.request.body);
  only_fields(body,
              {"kind", "sample_date", "result_date", "outcome", "site", "variant", "supervised"});
  TestResult test;
  test.person_id = id;
  const auto kind = parse_test_kind(*string_field(body, "kind", true));
  if (!kind) {
    throw bad_field("kind", "rapid_antigen, rt_pcr hoặc sequencing",
                    "rapid_antigen, rt_pcr or sequencing");
  }
  test.kind = *kind;
  test.sample_date = date_field(body, "sample_date", true);
  test.result_date = date_field(body, "result_date", true);
  const auto outcome = parse_test_outcome(*string_field(body, "outcome", true));
  if (!outcome) {
    throw bad_field("outcome", "negative, positive hoặc inconclusive",
                    "negative, positive or inconclusive");
  }
  test.outcome = *outcome;
  test.site = string_field(body, "site").value_or("");
  test.variant = string_field(body, "variant").value_or("");
  test.supervised = bool_field(body, "supervised").value_or(false);

  const TestResult stored =
      accepted(context, context.surveillance().record_test(test, context.today), "test.create",
               person_target(id), area);
  context.audit("test.create", person_target(id), area, "ok", "test:" + std::to_string(stored.id));
  return json_response(201, dump(Json{{"test", test_json(stored, registry.areas())}}));
}

HttpResponse list_tests(RouteContext& context) {
  Registry& registry = context.registry();
  const PersonId id = id_param(context.params, "id");
  const AreaId area = area_of(registry, id);
  context.require(Permission::read_personal, area, id, "test.read", person_target(id));
  Json items = Json::array();
  for (const TestResult& test : context.store().tests_of(id)) {
    items.push_back(test_json(test, registry.areas()));
  }
  context.audit("test.read", person_target(id), area);
  return json_response(200, dump(Json{{"items", items}}));
}

// ---- cases ----

HttpResponse register_case(RouteContext& context) {
  Registry& registry = context.registry();
  const Json body = parse_body(context.request.body);
  only_fields(body, {"person_id", "close_contact", "suspected_clinical", "epidemiological_link",
                     "onset_date", "imported", "care", "place"});
  RegisterCaseRequest request;
  request.person_id = *int_field(body, "person_id", true);
  const AreaId area = area_of(registry, request.person_id);
  const std::string target = person_target(request.person_id);
  context.require(Permission::write_personal, area, request.person_id, "case.create", target);
  request.flags.is_close_contact = bool_field(body, "close_contact").value_or(false);
  request.flags.suspected_clinical = bool_field(body, "suspected_clinical").value_or(false);
  request.flags.epidemiological_link = bool_field(body, "epidemiological_link").value_or(false);
  request.onset_date = optional_date_field(body, "onset_date");
  request.imported = bool_field(body, "imported").value_or(false);
  if (const auto care = string_field(body, "care")) {
    const auto state = parse_case_state(*care);
    if (!state || !is_active(*state)) {
      throw bad_field("care", "home_care, hospital hoặc icu", "home_care, hospital or icu");
    }
    request.initial_state = *state;
  }
  request.place = string_field(body, "place").value_or("");

  const CovidCase stored =
      accepted(context, context.surveillance().register_case(request, context.today), "case.create",
               target, area);
  context.audit("case.create", target, area, "ok", case_target(stored.id));
  return json_response(201, dump(Json{{"case", case_json(stored, registry.areas())}}));
}

HttpResponse list_cases(RouteContext& context) {
  Registry& registry = context.registry();
  const Area& area = search_area(context);
  CaseQuery query;
  query.areas = registry.communes_in(area);
  const std::string only = context.request.param("only").value_or("");
  if (only == "active") {
    query.active_only = true;
  } else if (only == "follow_up") {
    // Recovered in the last 12 months: the follow-up and rehabilitation list
    // (District 11 plan §II.2.4).
    query.recovered_since = context.today.plus_months(-12);
  } else if (!only.empty()) {
    throw bad_field("only", "active hoặc follow_up", "active or follow_up");
  }
  query.limit = limit_param(context.request, 50);
  query.offset = size_param(context.request, "offset", 0, 10'000'000);
  Json items = Json::array();
  if (!query.areas.empty()) {
    const std::vector<CovidCase> cases = context.store().search_cases(query);
    for (const CovidCase& c : cases) items.push_back(case_json(c, registry.areas()));
    add_names(context.store(), cases, items);
  }
  context.audit("case.search", area_target(area), area.id, "ok", only);
  return json_response(200, dump(Json{{"items", items}}));
}

// A person's cases, oldest first: how a patient finds their own case.
HttpResponse cases_of_person(RouteContext& context) {
  Registry& registry = context.registry();
  const PersonId id = id_param(context.params, "id");
  const AreaId area = area_of(registry, id);
  context.require(Permission::read_personal, area, id, "case.read", person_target(id));
  Json items = Json::array();
  for (const CovidCase& c : context.store().cases_of(id)) {
    items.push_back(case_json(c, registry.areas()));
  }
  context.audit("case.read", person_target(id), area);
  return json_response(200, dump(Json{{"items", items}}));
}

HttpResponse show_case(RouteContext& context) {
  Registry& registry = context.registry();
  Store& store = context.store();
  const CovidCase c = case_for(context, store, Permission::read_personal, "case.read");
  Json json = {{"case", case_json(c, registry.areas())}};
  // The person's vaccination is at hand: it decides risk and the end of isolation.
  const CaseOutlook outlook = context.surveillance().outlook(store, c, context.today);
  if (const auto& status = outlook.person) {
    json["person"] = {{"id", status->person.person.id},
                      {"full_name", status->person.person.full_name},
                      {"birth_date", status->person.person.birth_date.iso()},
                      {"high_risk", status->person.person.high_risk()},
                      {"vaccination", status_json(status->status, context.today)}};
  }
  json["isolation"] = isolation_json(outlook.isolation);
  json["risk"] = progression_risk_json(outlook.risk);
  context.audit("case.read", case_target(c.id), c.area_id);
  return json_response(200, dump(json));
}

HttpResponse add_step(RouteContext& context) {
  Registry& registry = context.registry();
  const CovidCase c = case_for(context, context.store(), Permission::write_personal, "case.step");
  const CaseStep step = read_case_step(parse_body(context.request.body));
  const CovidCase stored =
      accepted(context, context.surveillance().add_case_step(c.id, step, context.today),
               "case.step", case_target(c.id), c.area_id);
  context.audit("case.step", case_target(c.id), c.area_id, "ok", to_string(step.state));
  return json_response(201, dump(Json{{"case", case_json(stored, registry.areas())}}));
}

// The station records that home isolation ended (the case recovers that day).
HttpResponse end_isolation(RouteContext& context) {
  Registry& registry = context.registry();
  const CovidCase c =
      case_for(context, context.store(), Permission::write_personal, "case.isolation_end");
  const Json body = parse_body(context.request.body);
  only_fields(body, {"date"});
  const Date ended_on = optional_date_field(body, "date").value_or(context.today);
  const CovidCase stored =
      accepted(context, context.surveillance().end_isolation(c.id, ended_on, context.today),
               "case.isolation_end", case_target(c.id), c.area_id);
  context.audit("case.isolation_end", case_target(c.id), c.area_id, "ok", ended_on.iso());
  return json_response(201, dump(Json{{"case", case_json(stored, registry.areas())}}));
}

// ---- home-care checks ----

HttpResponse record_observation(RouteContext& context) {
  const CovidCase c =
      case_for(context, context.store(), Permission::record_health_check, "observation.create");
  Observation observation = read_observation(parse_body(context.request.body));
  observation.case_id = c.id;
  observation.entered_by =
      context.user().role == Role::citizen ? EnteredBy::patient : EnteredBy::staff;
  const RecordedObservation recorded = accepted(
      context,
      context.surveillance().record_observation(c, observation, context.today, context.now_ms),
      "observation.create", case_target(c.id), c.area_id);
  context.audit("observation.create", case_target(c.id), c.area_id, "ok",
                "observation:" + std::to_string(recorded.observation.id));
  Json signs = Json::array();
  for (const DangerSign& sign : recorded.signs) signs.push_back(danger_sign_json(sign));
  Json json = {{"observation", observation_json(recorded.observation)}, {"danger_signs", signs}};
  json["alert"] =
      recorded.alert ? alert_json(*recorded.alert, context.registry().areas()) : Json(nullptr);
  return json_response(201, dump(json));
}

HttpResponse list_observations(RouteContext& context) {
  Store& store = context.store();
  const CovidCase c = case_for(context, store, Permission::read_personal, "observation.read");
  Json items = Json::array();
  for (const Observation& o : store.observations_of(c.id)) items.push_back(observation_json(o));
  context.audit("observation.read", case_target(c.id), c.area_id);
  return json_response(200, dump(Json{{"items", items}}));
}

// ---- alerts ----

HttpResponse list_alerts(RouteContext& context) {
  Registry& registry = context.registry();
  const Area& area = search_area(context);
  AlertQuery query;
  query.areas = registry.communes_in(area);
  const std::string state = context.request.param("state").value_or("open");
  if (state != "all") {
    query.state = parse_alert_state(state);
    if (!query.state) {
      throw bad_field("state", "open, acknowledged, referred hoặc all",
                      "open, acknowledged, referred or all");
    }
  }
  query.after_id =
      static_cast<AlertId>(size_param(context.request, "after", 0, static_cast<size_t>(INT64_MAX)));
  query.limit = limit_param(context.request, 100);
  Json items = Json::array();
  if (!query.areas.empty()) {
    // The half-days that closed without a check become alerts before the list
    // is read: the station sees them the moment it looks.
    const int hour = static_cast<int>((context.now_ms / 3'600'000 + 7) % 24);
    context.surveillance().raise_missed_checks(query.areas, context.today,
                                               hour < 12 ? HalfDay::morning : HalfDay::afternoon,
                                               context.now_ms);
    const std::vector<CareAlert> alerts = context.store().search_alerts(query);
    for (const CareAlert& alert : alerts) items.push_back(alert_json(alert, registry.areas()));
    add_names(context.store(), alerts, items);
  }
  context.audit("alert.search", area_target(area), area.id, "ok", state);
  return json_response(200, dump(Json{{"items", items}}));
}

HttpResponse handle_alert(RouteContext& context) {
  Registry& registry = context.registry();
  const AlertId id = id_param(context.params, "id");
  const std::optional<CareAlert> alert = context.store().care_alert(id);
  if (!alert) throw not_found("cảnh báo", "Alert");
  const std::string target = "alert:" + std::to_string(id);
  context.require(Permission::write_personal, alert->area_id, alert->person_id, "alert.handle",
                  target);
  const Json body = parse_body(context.request.body);
  only_fields(body, {"state", "referred_to", "note"});
  HandleAlertRequest request;
  request.id = id;
  const auto to = parse_alert_state(*string_field(body, "state", true));
  if (!to || *to == AlertState::open) {
    throw bad_field("state", "acknowledged hoặc referred", "acknowledged or referred");
  }
  request.to = *to;
  request.referred_to = string_field(body, "referred_to").value_or("");
  request.note = string_field(body, "note").value_or("");
  request.user_id = context.user().id;
  const CareAlert handled =
      accepted(context, context.surveillance().handle_alert(request, context.now_ms),
               "alert.handle", target, alert->area_id);
  context.audit("alert.handle", target, alert->area_id, "ok", to_string(handled.state));
  return json_response(200, dump(Json{{"alert", alert_json(handled, registry.areas())}}));
}

// ---- facilities ----

const Facility& facility_by_code(const std::vector<Facility>& facilities, const std::string& code) {
  const auto it = std::find_if(facilities.begin(), facilities.end(),
                               [&](const Facility& f) { return f.code == code; });
  if (it == facilities.end()) throw not_found("cơ sở", "Facility");
  return *it;
}

// The province holding `id` (itself for a province or the nation).
const Area& province_of(const AreaForest& areas, AreaId id) {
  const Area* area = areas.find(id);
  while (area->level > AreaLevel::province && area->parent_id) area = areas.find(*area->parent_id);
  return *area;
}

HttpResponse list_facilities(RouteContext& context) {
  Registry& registry = context.registry();
  const auto spec = context.request.param("area");
  const bool for_referral = context.request.param("for_referral").value_or("") == "true";
  // Where a station may send a patient: every facility of its province, which
  // lies outside a commune's own area.
  const Area& area = for_referral ? province_of(registry.areas(), context.user().area_id)
                     : spec       ? area_param(registry, *spec)
                                  : *registry.areas().find(context.user().area_id);
  context.require(Permission::read_aggregate, for_referral ? context.user().area_id : area.id);
  const Date as_of = date_param(context.request, "as_of", context.today);
  Store& store = context.store();
  // The latest report of each facility in the week up to as_of.
  const std::vector<FacilityOccupancy> reports =
      store.occupancy_between(as_of.plus_days(-6), as_of);
  Json items = Json::array();
  for (const Facility& f : store.facilities()) {
    if (!area_within(registry.areas(), area.id, f.area_id)) continue;
    Json json = facility_json(f, registry.areas());
    json["occupancy"] = nullptr;
    for (const FacilityOccupancy& o : reports) {
      if (o.facility_id == f.id) json["occupancy"] = occupancy_json(o, f.code);
    }
    items.push_back(json);
  }
  return json_response(200, dump(Json{{"items", items}}));
}

HttpResponse save_facility(RouteContext& context) {
  Registry& registry = context.registry();
  const Json body = parse_body(context.request.body);
  only_fields(body, {"code", "name", "area", "kind", "beds", "icu_beds", "oxygen_beds",
                     "home_care_households"});
  Facility facility;
  facility.code = *string_field(body, "code", true);
  facility.name = *string_field(body, "name", true);
  const Area& area = area_param(registry, *string_field(body, "area", true));
  facility.area_id = area.id;
  const std::string target = "facility:" + facility.code;
  context.require(Permission::write_personal, area.id, std::nullopt, "facility.save", target);
  const auto kind = parse_facility_kind(*string_field(body, "kind", true));
  if (!kind) {
    throw bad_field("kind", "hospital, field_hospital, treatment_facility hoặc commune_station",
                    "hospital, field_hospital, treatment_facility or commune_station");
  }
  facility.kind = *kind;
  const auto count = [&](const char* name) {
    const int64_t value = int_field(body, name).value_or(0);
    if (value < 0 || value > 1'000'000) throw bad_field(name, "từ 0 đến 1000000", "0 to 1000000");
    return static_cast<int32_t>(value);
  };
  facility.beds = count("beds");
  facility.icu_beds = count("icu_beds");
  facility.oxygen_beds = count("oxygen_beds");
  facility.home_care_households = count("home_care_households");
  const Facility saved = accepted(context, context.surveillance().save_facility(facility),
                                  "facility.save", target, area.id);
  context.audit("facility.save", target, area.id);
  return json_response(201, dump(Json{{"facility", facility_json(saved, registry.areas())}}));
}

HttpResponse report_occupancy(RouteContext& context) {
  const std::string code = context.params.at("code");
  const std::vector<Facility> facilities = context.store().facilities();
  const Facility& facility = facility_by_code(facilities, code);
  const std::string target = "facility:" + code;
  context.require(Permission::write_personal, facility.area_id, std::nullopt, "facility.report",
                  target);
  const Json body = parse_body(context.request.body);
  only_fields(body, {"date", "occupied_beds", "occupied_icu_beds", "patients_on_oxygen"});
  FacilityOccupancy occupancy;
  occupancy.date = date_field(body, "date", true);
  const auto count = [&](const char* name) {
    const int64_t value = int_field(body, name, true).value();
    if (value < 0 || value > 1'000'000) throw bad_field(name, "từ 0 đến 1000000", "0 to 1000000");
    return static_cast<int32_t>(value);
  };
  occupancy.occupied_beds = count("occupied_beds");
  occupancy.occupied_icu_beds = count("occupied_icu_beds");
  occupancy.patients_on_oxygen = count("patients_on_oxygen");
  const FacilityOccupancy saved =
      accepted(context, context.surveillance().report_occupancy(code, occupancy, context.today),
               "facility.report", target, facility.area_id);
  context.audit("facility.report", target, facility.area_id);
  return json_response(201, dump(Json{{"occupancy", occupancy_json(saved, code)}}));
}

}  // namespace

void add_surveillance_routes(Router& router) {
  router.add(
      {"POST", "/api/v1/persons/{id}/tests", "write_personal", RouteAccess::checked, record_test});
  router.add({"GET", "/api/v1/persons/{id}/tests", "read_personal", RouteAccess::checked,
              list_tests, StoreUse::reads});
  router.add({"POST", "/api/v1/cases", "write_personal", RouteAccess::checked, register_case});
  router.add(
      {"GET", "/api/v1/cases", "read_personal", RouteAccess::checked, list_cases, StoreUse::reads});
  router.add({"GET", "/api/v1/persons/{id}/cases", "read_personal", RouteAccess::checked,
              cases_of_person, StoreUse::reads});
  router.add({"GET", "/api/v1/cases/{id}", "read_personal", RouteAccess::checked, show_case,
              StoreUse::reads});
  router.add(
      {"POST", "/api/v1/cases/{id}/steps", "write_personal", RouteAccess::checked, add_step});
  router.add({"POST", "/api/v1/cases/{id}/isolation-end", "write_personal", RouteAccess::checked,
              end_isolation});
  router.add({"POST", "/api/v1/cases/{id}/observations", "record_health_check",
              RouteAccess::checked, record_observation});
  router.add({"GET", "/api/v1/cases/{id}/observations", "read_personal", RouteAccess::checked,
              list_observations, StoreUse::reads});
  // Not a concurrent read: listing raises the missed-check alerts first.
  router.add({"GET", "/api/v1/alerts", "read_personal", RouteAccess::checked, list_alerts});
  router.add(
      {"POST", "/api/v1/alerts/{id}/handle", "write_personal", RouteAccess::checked, handle_alert});
  router.add({"GET", "/api/v1/facilities", "read_aggregate", RouteAccess::checked, list_facilities,
              StoreUse::reads});
  router.add({"POST", "/api/v1/facilities", "write_personal", RouteAccess::checked, save_facility});
  router.add({"POST", "/api/v1/facilities/{code}/occupancy", "write_personal", RouteAccess::checked,
              report_occupancy});
  add_epidemic_routes(router);
}

}  // namespace phongdich::api
