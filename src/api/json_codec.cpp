#include "api/json_codec.hpp"

#include <cstdio>

#include "api/api_error.hpp"

namespace phongdich::api {

namespace {

Json optional_date(const std::optional<Date>& date) {
  return date ? Json(date->iso()) : Json(nullptr);
}

}  // namespace

std::string area_ref(const AreaForest& areas, AreaId id) {
  const Area* area = areas.find(id);
  return area ? area->tree + ":" + area->code : "";
}

Json area_json(const Area& area, const AreaForest& areas) {
  Json json = {{"id", area.tree + ":" + area.code},
               {"tree", area.tree},
               {"code", area.code},
               {"name", area.name},
               {"level", to_string(area.level)},
               {"parent", area.parent_id ? Json(area_ref(areas, *area.parent_id)) : Json(nullptr)}};
  if (area.official_population) json["official_population"] = *area.official_population;
  return json;
}

namespace {

std::optional<std::string> optional_iso(const std::optional<Date>& date) {
  return date ? std::optional<std::string>(date->iso()) : std::nullopt;
}

}  // namespace

void write_person(JsonWriter& json, const StoredPerson& stored, const AreaForest& areas) {
  const Person& p = stored.person;
  json.begin_object()
      .member("id", p.id)
      .member("external_ref", stored.external_ref.empty()
                                  ? std::nullopt
                                  : std::optional<std::string>(stored.external_ref))
      .member("citizen_id", p.citizen_id)
      .member("full_name", p.full_name)
      .member("sex", p.sex == Sex::male ? "male" : "female")
      .member("birth_date", p.birth_date.iso())
      .member("area", area_ref(areas, p.area_id))
      .member("household_id", p.household_id)
      .member("phone", p.phone)
      .key("comorbidities")
      .begin_array();
  for (int i = 0; i < kComorbidityCount; ++i) {
    if (p.comorbidities.test(static_cast<size_t>(i))) json.number(i + 1);
  }
  json.end_array()
      .member("pregnant", p.pregnant)
      .member("immunodeficient", p.immunodeficient)
      .member("high_exposure", p.high_exposure)
      .member("other_risk", p.other_risk)
      .member("needs_home_visit", p.needs_home_visit)
      .member("high_risk", p.high_risk())
      .end_object();
}

void write_dose(JsonWriter& json, const DoseRecord& dose, const AreaForest& areas) {
  json.begin_object()
      .member("id", dose.id)
      .member("person_id", dose.person_id)
      .member("date", dose.date.iso())
      .member("product", dose.product)
      .member("site_area", area_ref(areas, dose.site_area_id))
      .member("lot", dose.lot)
      .member("kind", to_string(dose.kind))
      .member("number_in_series", dose.number_in_series)
      .member("overridden", dose.overridden)
      .member("source", dose.source);
  if (dose.overridden) {
    json.key("override")
        .begin_object()
        .member("reason", dose.override_reason)
        .member("by", dose.override_by)
        .member("rule", dose.override_rule)
        .end_object();
  }
  json.end_object();
}

void write_status(JsonWriter& json, const StatusAsOf& status, Date as_of) {
  json.begin_object()
      .member("as_of", as_of.iso())
      .member("status", to_string(status.status))
      .member("doses_counted", status.doses_counted)
      .member("last_dose_date", optional_iso(status.last_dose_date))
      .member("next_kind", status.next_kind
                               ? std::optional<std::string>(to_string(*status.next_kind))
                               : std::nullopt)
      .member("next_due", optional_iso(status.next_due))
      .key("next_products")
      .begin_array();
  for (const std::string& product : status.next_products) json.string(product);
  json.end_array().end_object();
}

Json status_json(const StatusAsOf& status, Date as_of) {
  std::string text;
  JsonWriter json(text);
  write_status(json, status, as_of);
  return Json::parse(text);
}

std::string persons_page(const std::vector<StoredPerson>& persons, const AreaForest& areas,
                         size_t limit, size_t offset, std::optional<size_t> next_offset) {
  std::string text;
  JsonWriter json(text);
  json.begin_object().key("items").begin_array();
  for (const StoredPerson& person : persons) write_person(json, person, areas);
  json.end_array()
      .member("limit", static_cast<int64_t>(limit))
      .member("offset", static_cast<int64_t>(offset))
      .member("next_offset", next_offset ? std::optional<int64_t>(*next_offset) : std::nullopt)
      .end_object();
  return text;
}

Json user_json(const User& user, const AreaForest& areas) {
  return {{"id", user.id},
          {"username", user.username},
          {"role", role_name(user.role)},
          {"area", area_ref(areas, user.area_id)},
          {"person_id", user.person_id ? Json(*user.person_id) : Json(nullptr)},
          {"disabled", user.disabled},
          {"locked_until",
           user.locked_until > 0 ? Json(iso_datetime(user.locked_until * 1000)) : Json(nullptr)},
          {"created_at", iso_datetime(user.created_at * 1000)}};
}

Json audit_json(const AuditEntry& entry, const AreaForest& areas) {
  return {{"seq", entry.seq},
          {"at", iso_datetime(entry.at_ms)},
          {"actor", entry.actor},
          {"action", entry.action},
          {"target", entry.target},
          {"area", entry.area_id ? Json(area_ref(areas, entry.area_id)) : Json(nullptr)},
          {"remote", entry.remote},
          {"outcome", entry.outcome},
          {"detail", entry.detail},
          {"prev_hash", entry.prev_hash},
          {"hash", entry.hash}};
}

Json coverage_json(const CoverageReport& report) {
  Json targets = Json::array();
  for (const TargetResult& t : report.targets) {
    targets.push_back({{"id", t.target.id},
                       {"name_vi", t.target.description_vi},
                       {"name_en", t.target.description_en},
                       {"numerator", t.numerator},
                       {"denominator", t.denominator},
                       {"share", t.share},
                       {"threshold", t.target.threshold},
                       {"gap", t.gap},
                       {"met", t.met},
                       {"denominator_source", t.denominator_source},
                       {"deadline", optional_date(t.target.deadline)},
                       {"source", t.target.source}});
  }
  Json groups = Json::array();
  for (const GroupRow& g : report.groups) {
    Json row = {{"group", g.group}, {"registered", g.registered}};
    for (int s = 0; s < kVaccinationStatusCount; ++s) {
      row[to_string(static_cast<VaccinationStatus>(s))] = g.by_status[s];
    }
    groups.push_back(row);
  }
  return {{"as_of", report.as_of.iso()},
          {"targets_version", report.targets_version},
          {"targets", targets},
          {"age_groups", groups}};
}

std::string iso_datetime(int64_t unix_ms) {
  constexpr int64_t kDay = 86'400;
  const int64_t seconds = unix_ms >= 0 ? unix_ms / 1000 : -((-unix_ms + 999) / 1000);
  const int64_t days = seconds >= 0 ? seconds / kDay : -((-seconds + kDay - 1) / kDay);
  const int64_t in_day = seconds - days * kDay;
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02dZ", static_cast<int>(in_day / 3600),
                static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60));
  return Date::from_days(static_cast<int32_t>(days)).iso() + clock;
}

std::string dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json parse_body(const std::string& body) {
  Json json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    throw api_error(400, "request.json", "Nội dung yêu cầu không phải đối tượng JSON hợp lệ",
                    "The request body is not a valid JSON object");
  }
  return json;
}

std::optional<std::string> string_field(const Json& body, const std::string& name, bool required) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) throw bad_field(name, "bắt buộc", "required");
    return std::nullopt;
  }
  if (!it->is_string()) throw bad_field(name, "phải là chuỗi", "must be a string");
  return it->get<std::string>();
}

std::optional<bool> bool_field(const Json& body, const std::string& name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) throw bad_field(name, "phải là true hoặc false", "must be true or false");
  return it->get<bool>();
}

std::optional<int64_t> int_field(const Json& body, const std::string& name, bool required) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) throw bad_field(name, "bắt buộc", "required");
    return std::nullopt;
  }
  if (!it->is_number_integer()) throw bad_field(name, "phải là số nguyên", "must be an integer");
  return it->get<int64_t>();
}

void only_fields(const Json& body, std::initializer_list<const char*> known) {
  for (const auto& [key, value] : body.items()) {
    bool found = false;
    for (const char* k : known) found = found || key == k;
    if (!found) throw bad_field(key, "trường không được hỗ trợ", "unknown field");
  }
}

}  // namespace phongdich::api
