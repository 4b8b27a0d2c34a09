// Persons: search, register, read (with doses and status), link a citizen ID.
// Every read and write of a person is checked against the user's area and audited.
#include <algorithm>
#include <variant>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"
#include "domain/text_fold.hpp"
#include "ingest/person_row.hpp"

namespace phongdich::api {

namespace {

std::string person_target(PersonId id) { return "person:" + std::to_string(id); }

// Loads a person and checks the user may touch it; 404 when absent.
StoredPerson person_for(RouteContext& context, Permission permission, const std::string& action) {
  const PersonId id = id_param(context.params, "id");
  auto person = context.store().person(id);
  if (!person) throw not_found("người", "Person");
  context.require(permission, person->person.area_id, id, action, person_target(id));
  return *person;
}

HttpResponse search(RouteContext& context) {
  Registry& registry = context.registry();
  const Area& area = search_area(context);
  const std::string target = area_target(area);
  const size_t limit = limit_param(context.request, 50);
  const size_t offset = size_param(context.request, "offset", 0, 1'000'000);
  const std::string sort = context.request.param("sort").value_or("name");
  if (sort != "name") throw bad_field("sort", "chỉ hỗ trợ \"name\"", "only \"name\" is supported");

  std::vector<StoredPerson> found;
  bool more = false;
  if (const auto citizen_id = context.request.param("citizen_id")) {
    // Someone outside the user's area is not found, rather than forbidden:
    // the answer must not tell whether a number is registered elsewhere.
    auto person = context.store().person_by_citizen_id(*citizen_id);
    if (person && decide(registry.areas(), context.subject(), Permission::read_personal,
                         person->person.area_id)
                      .allowed()) {
      if (offset == 0) found.push_back(*person);
    }
  } else {
    // One more than the page tells whether another page follows.
    found = registry.search_persons(context.store(), area, context.request.param("q").value_or(""),
                                    limit + 1, offset);
    more = found.size() > limit;
    if (more) found.resize(limit);
  }
  context.audit("person.search", target, area.id, "ok", std::to_string(found.size()) + " found");
  return json_response(200,
                       persons_page(found, registry.areas(), limit, offset,
                                    more ? std::optional<size_t>(offset + limit) : std::nullopt));
}

// The JSON body as the cells of an import row, so that a person registered
// through the API is checked by exactly the rules of a bulk import.
HttpResponse register_person(RouteContext& context) {
  Registry& registry = context.registry();
  const Json body = parse_body(context.request.body);
  only_fields(body, {"external_ref", "citizen_id", "full_name", "sex", "birth_date", "area",
                     "household_code", "phone", "comorbidities", "pregnant", "immunodeficient",
                     "high_exposure", "other_risk", "needs_home_visit"});
  const Area& area = area_param(registry, *string_field(body, "area", true));
  if (area.level != AreaLevel::commune) {
    throw bad_field("area", "phải là một xã/phường", "must be a commune");
  }
  context.require(Permission::write_personal, area.id, std::nullopt, "person.create",
                  area_target(area));
  std::string sex = string_field(body, "sex", true).value();
  if (sex == "male") sex = "M";
  if (sex == "female") sex = "F";
  std::string comorbidities;
  if (const auto it = body.find("comorbidities"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) throw bad_field("comorbidities", "phải là mảng số", "must be an array");
    for (const Json& item : *it) {
      if (!item.is_number_integer()) {
        throw bad_field("comorbidities", "phải là mảng số 1-20", "must be numbers 1-20");
      }
      if (!comorbidities.empty()) comorbidities += ';';
      comorbidities += std::to_string(item.get<int64_t>());
    }
  }
  const auto flag = [&](const char* name) {
    return bool_field(body, name).value_or(false) ? "1" : "0";
  };
  const std::string ref = string_field(body, "external_ref").value_or("");
  const std::vector<std::string> cells = {ref.empty() ? "-" : ref,
                                          string_field(body, "citizen_id").value_or(""),
                                          string_field(body, "full_name", true).value(),
                                          sex,
                                          string_field(body, "birth_date", true).value(),
                                          area.code,
                                          string_field(body, "household_code").value_or(""),
                                          string_field(body, "phone").value_or(""),
                                          comorbidities,
                                          flag("pregnant"),
                                          flag("immunodeficient"),
                                          flag("high_exposure"),
                                          flag("other_risk"),
                                          flag("needs_home_visit")};
  static const std::vector<std::string_view> kHeader = {
      "person_ref",    "citizen_id",      "full_name",       "sex",
      "birth_date",    "commune_code",    "household_code",  "phone",
      "comorbidities", "pregnant",        "immunodeficient", "high_exposure",
      "other_risk",    "needs_home_visit"};
  const std::vector<std::string_view> row(cells.begin(), cells.end());
  const PersonRowParser parser(kHeader, registry.areas(), area.tree, context.today);
  auto parsed = parser.parse(row);
  const std::string target = area_target(area);
  if (auto* bad = std::get_if<Violations>(&parsed)) {
    for (Violation& v : *bad) {
      if (v.field == "commune_code") v.field = "area";
      if (v.field == "person_ref") v.field = "external_ref";
    }
    context.audit("person.create", target, area.id, "rejected", bad->front().code);
    throw rejected(std::move(*bad));
  }
  auto& person = std::get<ParsedPerson>(parsed);
  if (ref.empty()) person.person.external_ref.clear();
  const RegisterPersonResult result =
      registry.register_person(person.person, person.household_code);
  if (!result.id) {
    context.audit("person.create", target, area.id, "rejected", result.violations.front().code);
    throw rejected(result.violations);
  }
  auto stored = registry.store().person(*result.id);
  context.audit("person.create", person_target(*result.id), area.id, "ok",
                result.already_present ? "already present" : "");
  std::string answer;
  JsonWriter json(answer);
  json.begin_object()
      .member("id", *result.id)
      .member("already_present", result.already_present)
      .key("person");
  write_person(json, *stored, registry.areas());
  json.end_object();
  return json_response(result.already_present ? 200 : 201, std::move(answer));
}

HttpResponse show_person(RouteContext& context) {
  Registry& registry = context.registry();
  const Date as_of = date_param(context.request, "as_of", context.today);
  // The person and their doses in one read (one round trip on PostgreSQL); the
  // doses leave the server only if the access check passes.
  const PersonId id = id_param(context.params, "id");
  auto found = context.store().person_with_doses(id);
  if (!found) throw not_found("người", "Person");
  context.require(Permission::read_personal, found->first.person.area_id, id, "person.read",
                  person_target(id));
  const PersonStatus status =
      registry.status(std::move(found->first), std::move(found->second), as_of);
  const Person& person = status.person.person;
  context.audit("person.read", person_target(person.id), person.area_id);
  std::string answer;
  JsonWriter json(answer);
  json.begin_object().key("person");
  write_person(json, status.person, registry.areas());
  json.key("doses").begin_array();
  for (const DoseRecord& dose : status.doses) write_dose(json, dose, registry.areas());
  json.end_array().key("status");
  write_status(json, status.status, as_of);
  json.end_object();
  return json_response(200, std::move(answer));
}

HttpResponse person_doses(RouteContext& context) {
  const StoredPerson person = person_for(context, Permission::read_personal, "dose.read");
  Registry& registry = context.registry();
  std::string answer;
  JsonWriter json(answer);
  json.begin_object().key("items").begin_array();
  for (const DoseRecord& dose : context.store().doses_of(person.person.id)) {
    write_dose(json, dose, registry.areas());
  }
  json.end_array().end_object();
  context.audit("dose.read", person_target(person.person.id), person.person.area_id);
  return json_response(200, std::move(answer));
}

HttpResponse person_status(RouteContext& context) {
  const Date as_of = date_param(context.request, "as_of", context.today);
  const PersonStatus status = context.registry().status(
      context.store(), person_for(context, Permission::read_personal, "status.read"), as_of);
  const Person& person = status.person.person;
  context.audit("status.read", person_target(person.id), person.area_id);
  std::string answer;
  JsonWriter json(answer);
  write_status(json, status.status, as_of);
  return json_response(200, std::move(answer));
}

HttpResponse link_citizen_id(RouteContext& context) {
  const StoredPerson person = person_for(context, Permission::write_personal, "person.link_id");
  const Json body = parse_body(context.request.body);
  only_fields(body, {"citizen_id"});
  const std::string citizen_id = *string_field(body, "citizen_id", true);
  const std::string target = person_target(person.person.id);
  Violations violations = context.registry().link_citizen_id(person.person.id, citizen_id);
  if (!violations.empty()) {
    context.audit("person.link_id", target, person.person.area_id, "rejected",
                  violations.front().code);
    throw rejected(std::move(violations));
  }
  context.audit("person.link_id", target, person.person.area_id);
  const auto updated = context.registry().store().person(person.person.id);
  std::string answer;
  JsonWriter json(answer);
  write_person(json, *updated, context.registry().areas());
  return json_response(200, std::move(answer));
}

}  // namespace

void add_person_routes(Router& router) {
  router.add(
      {"GET", "/api/v1/persons", "read_personal", RouteAccess::checked, search, StoreUse::reads});
  router.add({"POST", "/api/v1/persons", "write_personal", RouteAccess::checked, register_person});
  // A person's record, doses and status come from the store alone.
  router.add({"GET", "/api/v1/persons/{id}", "read_personal", RouteAccess::checked, show_person,
              StoreUse::store_reads});
  router.add({"POST", "/api/v1/persons/{id}/citizen-id", "write_personal", RouteAccess::checked,
              link_citizen_id});
  router.add({"GET", "/api/v1/persons/{id}/doses", "read_personal", RouteAccess::checked,
              person_doses, StoreUse::store_reads});
  router.add({"GET", "/api/v1/persons/{id}/status", "read_personal", RouteAccess::checked,
              person_status, StoreUse::store_reads});
}

}  // namespace phongdich::api
