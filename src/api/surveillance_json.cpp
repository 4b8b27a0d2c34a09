#include "api/surveillance_json.hpp"

#include <cmath>

#include "api/api_error.hpp"

namespace phongdich::api {
namespace {

Json optional_date(const std::optional<Date>& date) {
  return date ? Json(date->iso()) : Json(nullptr);
}

template <typename T>
Json optional_value(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json sign_list(const std::string& codes) {
  Json list = Json::array();
  size_t start = 0;
  while (start < codes.size()) {
    const size_t comma = codes.find(',', start);
    const size_t end = comma == std::string::npos ? codes.size() : comma;
    list.push_back(codes.substr(start, end - start));
    start = end + 1;
  }
  return list;
}

std::optional<int> small_int_field(const Json& body, const std::string& name) {
  const auto value = int_field(body, name);
  if (!value) return std::nullopt;
  // Far outside any measurement: the domain's range checks then explain.
  if (*value < -100'000 || *value > 100'000) {
    throw bad_field(name, "giá trị ngoài phạm vi", "value out of range");
  }
  return static_cast<int>(*value);
}

std::optional<double> number_field(const Json& body, const std::string& name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) throw bad_field(name, "phải là số", "must be a number");
  const double value = it->get<double>();
  if (!std::isfinite(value)) throw bad_field(name, "phải là số", "must be a number");
  return value;
}

}  // namespace

Json test_json(const TestResult& t, const AreaForest& areas) {
  return {{"id", t.id},
          {"person_id", t.person_id},
          {"area", area_ref(areas, t.area_id)},
          {"kind", to_string(t.kind)},
          {"sample_date", t.sample_date.iso()},
          {"result_date", t.result_date.iso()},
          {"outcome", to_string(t.outcome)},
          {"site", t.site},
          {"variant", t.variant.empty() ? Json(nullptr) : Json(t.variant)},
          {"supervised", t.supervised}};
}

Json case_json(const CovidCase& c, const AreaForest& areas) {
  Json steps = Json::array();
  for (const CaseStep& step : c.steps) {
    steps.push_back({{"date", step.date.iso()},
                     {"state", to_string(step.state)},
                     {"place", step.place.empty() ? Json(nullptr) : Json(step.place)},
                     {"oxygen", step.oxygen}});
  }
  return {{"id", c.id},
          {"person_id", c.person_id},
          {"area", area_ref(areas, c.area_id)},
          {"confirmed_on", c.confirmed_on.iso()},
          {"onset_date", optional_date(c.onset_date)},
          {"confirming_test", c.confirming_test},
          {"criterion", c.criterion},
          {"imported", c.imported},
          {"state", to_string(c.state())},
          {"active", c.active()},
          {"isolation_ended_on", optional_date(c.isolation_ended_on)},
          {"ended_on", optional_date(c.ended_on())},
          {"steps", steps}};
}

Json observation_json(const Observation& o) {
  Json symptoms = Json::array();
  for (int i = 0; i < kSymptomCount; ++i) {
    if (o.symptoms.test(static_cast<size_t>(i))) {
      symptoms.push_back(to_string(static_cast<Symptom>(i)));
    }
  }
  return {{"id", o.id},
          {"case_id", o.case_id},
          {"date", o.date.iso()},
          {"half", to_string(o.half)},
          {"spo2", optional_value(o.spo2_percent)},
          {"respiratory_rate", optional_value(o.respiratory_rate)},
          {"pulse", optional_value(o.pulse)},
          {"temperature", optional_value(o.temperature_c)},
          {"systolic", optional_value(o.systolic_mmhg)},
          {"diastolic", optional_value(o.diastolic_mmhg)},
          {"symptoms", symptoms},
          {"entered_by", o.entered_by == EnteredBy::staff ? "staff" : "patient"},
          {"recorded_at", iso_datetime(o.recorded_at_ms)}};
}

Json danger_sign_json(const DangerSign& sign) {
  return {{"code", sign.code},
          {"value", optional_value(sign.value)},
          {"threshold", sign.threshold},
          {"message_vi", sign.text_vi},
          {"message_en", sign.text_en}};
}

Json alert_json(const CareAlert& a, const AreaForest& areas) {
  return {
      {"id", a.id},
      {"case_id", a.case_id},
      {"person_id", a.person_id},
      {"area", area_ref(areas, a.area_id)},
      {"kind", to_string(a.kind)},
      {"date", a.date.iso()},
      {"half", to_string(a.half)},
      {"observation_id", a.observation_id == 0 ? Json(nullptr) : Json(a.observation_id)},
      {"signs", sign_list(a.signs)},
      {"raised_at", iso_datetime(a.raised_at_ms)},
      {"state", to_string(a.state)},
      {"handled_by", a.handled_by == 0 ? Json(nullptr) : Json(a.handled_by)},
      {"handled_at", a.handled_at_ms == 0 ? Json(nullptr) : Json(iso_datetime(a.handled_at_ms))},
      {"referred_to", a.referred_to.empty() ? Json(nullptr) : Json(a.referred_to)},
      {"note", a.note}};
}

Json facility_json(const Facility& f, const AreaForest& areas) {
  return {{"id", f.id},
          {"code", f.code},
          {"name", f.name},
          {"area", area_ref(areas, f.area_id)},
          {"kind", to_string(f.kind)},
          {"beds", f.beds},
          {"icu_beds", f.icu_beds},
          {"oxygen_beds", f.oxygen_beds},
          {"home_care_households", f.home_care_households}};
}

Json occupancy_json(const FacilityOccupancy& o, const std::string& facility_code) {
  return {{"facility", facility_code},
          {"date", o.date.iso()},
          {"occupied_beds", o.occupied_beds},
          {"occupied_icu_beds", o.occupied_icu_beds},
          {"patients_on_oxygen", o.patients_on_oxygen}};
}

Json isolation_json(const IsolationEnd& isolation) {
  return {{"status", to_string(isolation.status)},
          {"date", isolation.date.iso()},
          {"reason", isolation.reason},
          {"test_id", isolation.test == 0 ? Json(nullptr) : Json(isolation.test)},
          {"rule", isolation.rule},
          {"message_vi", isolation.text_vi},
          {"message_en", isolation.text_en}};
}

Json progression_risk_json(const ProgressionAssessment& risk) {
  return {{"group", to_string(risk.group)}, {"points", risk.points},
          {"colour", risk.colour},          {"rule_version", risk.version_id},
          {"source", risk.source},          {"reasons_vi", risk.reasons_vi},
          {"reasons_en", risk.reasons_en}};
}

Json care_capacity_json(const CommuneCareCapacity& commune) {
  const CareCapacity& c = commune.capacity;
  const auto optional = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
  return {{"capacity_per_10k", optional(c.capacity_per_10k)},
          {"load_per_10k", optional(c.load_per_10k)},
          {"target_per_10k", c.target_per_10k},
          {"met", commune.assessed() ? Json(c.met) : Json(nullptr)},
          {"overloaded", c.overloaded},
          {"capacity_households", commune.capacity_households},
          {"households", commune.households},
          {"households_with_patient", commune.households_with_patient},
          {"message_vi", c.text_vi},
          {"message_en", c.text_en}};
}

Date date_field(const Json& body, const std::string& name, bool required) {
  const auto date = optional_date_field(body, name);
  if (!date) {
    if (required) throw bad_field(name, "bắt buộc", "required");
    return Date();
  }
  return *date;
}

std::optional<Date> optional_date_field(const Json& body, const std::string& name) {
  const auto text = string_field(body, name);
  if (!text) return std::nullopt;
  const auto date = Date::parse_iso(*text);
  if (!date) throw bad_field(name, "ngày không hợp lệ (YYYY-MM-DD)", "invalid date (YYYY-MM-DD)");
  return date;
}

Observation read_observation(const Json& body) {
  only_fields(body, {"date", "half", "spo2", "respiratory_rate", "pulse", "temperature", "systolic",
                     "diastolic", "symptoms"});
  Observation o;
  o.date = date_field(body, "date", true);
  const std::string half = *string_field(body, "half", true);
  const auto parsed_half = parse_half_day(half);
  if (!parsed_half) throw bad_field("half", "morning hoặc afternoon", "morning or afternoon");
  o.half = *parsed_half;
  o.spo2_percent = small_int_field(body, "spo2");
  o.respiratory_rate = small_int_field(body, "respiratory_rate");
  o.pulse = small_int_field(body, "pulse");
  o.temperature_c = number_field(body, "temperature");
  o.systolic_mmhg = small_int_field(body, "systolic");
  o.diastolic_mmhg = small_int_field(body, "diastolic");
  if (const auto it = body.find("symptoms"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) throw bad_field("symptoms", "phải là danh sách", "must be a list");
    for (const Json& item : *it) {
      const auto symptom = item.is_string() ? parse_symptom(item.get<std::string>()) : std::nullopt;
      if (!symptom) throw bad_field("symptoms", "triệu chứng không rõ", "unknown symptom");
      o.symptoms.set(static_cast<size_t>(*symptom));
    }
  }
  return o;
}

CaseStep read_case_step(const Json& body) {
  only_fields(body, {"date", "state", "place", "oxygen"});
  CaseStep step;
  step.date = date_field(body, "date", true);
  const auto state = parse_case_state(*string_field(body, "state", true));
  if (!state) {
    throw bad_field("state", "home_care, hospital, icu, recovered hoặc died",
                    "home_care, hospital, icu, recovered or died");
  }
  step.state = *state;
  step.place = string_field(body, "place").value_or("");
  step.oxygen = bool_field(body, "oxygen").value_or(false);
  return step;
}

}  // namespace phongdich::api
