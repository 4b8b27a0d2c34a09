#include "app/surveillance.hpp"

#include <algorithm>
#include <unordered_map>

#include "app/registry.hpp"
#include "app/registry_violations.hpp"
#include "app/surveillance_violations.hpp"
#include "domain/case_step_checks.hpp"
#include "domain/missed_checks.hpp"
#include "domain/observation_checks.hpp"
#include "domain/test_result_checks.hpp"
#include "rules/case_rules_json.hpp"
#include "rules/epidemic_level_rules_json.hpp"
#include "rules/home_care_rules_json.hpp"
#include "rules/progression_risk_json.hpp"
#include "rules/surveillance_targets_json.hpp"

namespace phongdich {
namespace {

template <typename T>
Written<T> rejected(Violations violations) {
  return Written<T>{std::nullopt, std::move(violations)};
}

template <typename T>
Written<T> rejected(Violation violation) {
  return rejected<T>(Violations{std::move(violation)});
}

Violation field_violation(std::string code, std::string field, std::string vi, std::string en) {
  return {std::move(code), std::move(field), "", std::move(vi), std::move(en)};
}

Violations check_facility(const Facility& f, const AreaForest& areas) {
  Violations v;
  if (f.code.empty() || f.code.size() > 64) {
    v.push_back(field_violation("facility.code", "code", "Mã cơ sở phải có 1–64 ký tự",
                                "The facility code must have 1–64 characters"));
  }
  if (f.name.empty()) {
    v.push_back(field_violation("facility.name", "name", "Thiếu tên cơ sở",
                                "The facility name is missing"));
  }
  if (areas.find(f.area_id) == nullptr) {
    v.push_back(field_violation("facility.area", "area", "Địa bàn không tồn tại", "No such area"));
  }
  if (f.beds < 0 || f.icu_beds < 0 || f.oxygen_beds < 0) {
    v.push_back(field_violation("facility.beds", "beds", "Số giường không được âm",
                                "Bed counts cannot be negative"));
  }
  if (f.home_care_households < 0 ||
      (f.home_care_households > 0 && f.kind != FacilityKind::commune_station)) {
    v.push_back(field_violation(
        "facility.home_care_households", "home_care_households",
        "Chỉ trạm y tế xã chăm sóc người bệnh tại nhà; số hộ không được âm",
        "Only a commune station cares for patients at home; the count cannot be negative"));
  }
  return v;
}

Violations check_occupancy(const FacilityOccupancy& o, Date today) {
  Violations v;
  if (o.date > today) {
    v.push_back(field_violation("occupancy.date.future", "date", "Ngày báo cáo ở tương lai",
                                "The report date is in the future"));
  }
  if (o.occupied_beds < 0 || o.occupied_icu_beds < 0 || o.patients_on_oxygen < 0) {
    v.push_back(field_violation("occupancy.negative", "occupied_beds",
                                "Số người bệnh không được âm",
                                "Patient counts cannot be negative"));
  }
  return v;
}

}  // namespace

Surveillance::Surveillance(Registry& registry)
    : registry_(registry),
      store_(registry.store()),
      case_rules_(load_case_rules(registry.data_dir() + "/rules/cases.json")),
      home_care_rules_(load_home_care_rules(registry.data_dir() + "/rules/home_care.json")),
      level_rules_(load_epidemic_level_rules(registry.data_dir() + "/rules/epidemic_levels.json")),
      targets_(load_surveillance_targets(registry.data_dir() + "/rules/surveillance_targets.json")),
      rt_settings_(load_rt_settings(registry.data_dir() + "/rules/rt.json")),
      progression_rules_(
          load_progression_risk_rules(registry.data_dir() + "/rules/progression_risk.json")),
      picture_(registry.areas()) {}

const EpidemicPicture& Surveillance::picture() {
  picture_.load(store_);
  return picture_;
}

Surveillance::~Surveillance() = default;

Written<TestResult> Surveillance::record_test(TestResult test, Date today) {
  const std::optional<AreaId> area = registry_.area_of_person(test.person_id);
  if (!area) return rejected<TestResult>(person_not_found());
  test.id = 0;
  test.area_id = *area;
  if (Violations v = check_test_result(test, today); !v.empty()) {
    return rejected<TestResult>(std::move(v));
  }
  store_.transaction([&] { test.id = store_.insert_test(test); });
  picture_.add_test(test);
  return {test, {}};
}

Written<CovidCase> Surveillance::register_case(const RegisterCaseRequest& request, Date today) {
  const std::optional<AreaId> area = registry_.area_of_person(request.person_id);
  if (!area) return rejected<CovidCase>(person_not_found());

  CovidCase result;
  bool stored = false;
  Violations violations;
  store_.transaction([&] {
    for (const CovidCase& earlier : store_.cases_of(request.person_id)) {
      if (earlier.active()) {
        violations.push_back(case_already_active(earlier.id));
        return;
      }
    }
    const std::vector<TestResult> tests = store_.tests_of(request.person_id);
    const CaseDecision decision = confirm_case(case_rules_, tests, request.flags, today);
    if (const auto* refused = std::get_if<Violation>(&decision)) {
      violations.push_back(*refused);
      return;
    }
    const auto& confirmation = std::get<CaseConfirmation>(decision);
    CovidCase c;
    c.person_id = request.person_id;
    c.area_id = *area;
    c.confirmed_on = confirmation.confirmed_on;
    c.onset_date = request.onset_date;
    c.confirming_test = confirmation.confirming_test;
    c.criterion = confirmation.criterion;
    c.imported = request.imported;
    const CaseStep first{c.confirmed_on, request.initial_state, request.place, false};
    // The first step obeys the rules of every later one (a place for hospital
    // care, a possible state), judged as if it followed an empty history.
    if (Violations v = check_case_step(c, first, today); !v.empty()) {
      violations = std::move(v);
      return;
    }
    if (request.onset_date && (*request.onset_date > today)) {
      violations.push_back(field_violation("case.onset.future", "onset_date",
                                           "Ngày khởi phát ở tương lai",
                                           "The onset date is in the future"));
      return;
    }
    c.steps.push_back(first);
    c.id = store_.insert_case(c);
    result = std::move(c);
    stored = true;
  });
  if (!stored) return rejected<CovidCase>(std::move(violations));
  picture_.add_case(result);
  swept_through_.erase(result.area_id);
  return {std::move(result), {}};
}

Written<CovidCase> Surveillance::add_case_step(CaseId id, const CaseStep& step, Date today) {
  std::optional<CovidCase> c = store_.covid_case(id);
  if (!c) return rejected<CovidCase>(case_not_found());
  if (Violations v = check_case_step(*c, step, today); !v.empty()) {
    return rejected<CovidCase>(std::move(v));
  }
  store_.transaction([&] { store_.append_case_step(id, step); });
  picture_.add_step(*c, step);
  swept_through_.erase(c->area_id);
  c->steps.push_back(step);
  return {std::move(c), {}};
}

Written<CovidCase> Surveillance::end_isolation(CaseId id, Date ended_on, Date today) {
  std::optional<CovidCase> c = store_.covid_case(id);
  if (!c) return rejected<CovidCase>(case_not_found());
  const std::vector<TestResult> tests = store_.tests_of(c->person_id);
  const bool vaccinated = fully_vaccinated_when_confirmed(store_, *c);
  if (Violations v = check_isolation_end(home_care_rules_, *c, tests, vaccinated, ended_on, today);
      !v.empty()) {
    return rejected<CovidCase>(std::move(v));
  }
  const CaseStep recovered{ended_on, CaseState::recovered, "", false};
  if (Violations v = check_case_step(*c, recovered, today); !v.empty()) {
    return rejected<CovidCase>(std::move(v));
  }
  store_.transaction([&] {
    store_.set_isolation_end(id, ended_on);
    store_.append_case_step(id, recovered);
  });
  picture_.add_step(*c, recovered);
  c->isolation_ended_on = ended_on;
  c->steps.push_back(recovered);
  return {std::move(c), {}};
}

bool Surveillance::fully_vaccinated_when_confirmed(Store& reader, const CovidCase& c) const {
  const std::optional<PersonStatus> status = registry_.status(reader, c.person_id, c.confirmed_on);
  return status && status->status.status >= VaccinationStatus::primary_complete;
}

Written<RecordedObservation> Surveillance::record_observation(Observation observation, Date today,
                                                              int64_t now_ms) {
  const std::optional<CovidCase> c = store_.covid_case(observation.case_id);
  if (!c) return rejected<RecordedObservation>(case_not_found());
  return record_observation(*c, std::move(observation), today, now_ms);
}

Written<RecordedObservation> Surveillance::record_observation(const CovidCase& covid_case,
                                                              Observation observation, Date today,
                                                              int64_t now_ms) {
  observation.case_id = covid_case.id;
  if (Violations v = check_observation(observation, covid_case, today); !v.empty()) {
    return rejected<RecordedObservation>(std::move(v));
  }
  if (covid_case.state() != CaseState::home_care) {
    return rejected<RecordedObservation>(case_not_in_home_care(covid_case.state()));
  }
  const std::optional<StoredPerson> person = store_.person(covid_case.person_id);
  if (!person) return rejected<RecordedObservation>(person_not_found());

  RecordedObservation recorded;
  observation.id = 0;
  observation.recorded_at_ms = now_ms;
  const int age = age_in_years(person->person.birth_date, observation.date);
  recorded.signs = danger_signs(home_care_rules_, age, observation);
  store_.transaction([&] {
    observation.id = store_.insert_observation(observation);
    if (!recorded.signs.empty()) {
      CareAlert alert;
      alert.case_id = covid_case.id;
      alert.person_id = covid_case.person_id;
      alert.area_id = covid_case.area_id;
      alert.kind = AlertKind::danger_sign;
      alert.date = observation.date;
      alert.half = observation.half;
      alert.observation_id = observation.id;
      alert.signs = sign_codes(recorded.signs);
      alert.raised_at_ms = now_ms;
      if (const auto alert_id = store_.insert_alert(alert)) {
        alert.id = *alert_id;
        recorded.alert = alert;
      }
    }
  });
  recorded.observation = observation;
  return {std::move(recorded), {}};
}

Written<CareAlert> Surveillance::handle_alert(const HandleAlertRequest& request, int64_t now_ms) {
  std::optional<CareAlert> alert = store_.care_alert(request.id);
  if (!alert) return rejected<CareAlert>(alert_not_found());
  if (alert->state != AlertState::open) return rejected<CareAlert>(alert_already_handled());
  if (request.to == AlertState::open) {
    return rejected<CareAlert>(field_violation("alert.state", "state",
                                               "Trạng thái phải là acknowledged hoặc referred",
                                               "The state must be acknowledged or referred"));
  }
  if (request.to == AlertState::referred) {
    const std::vector<Facility> known = store_.facilities();
    const bool found = std::any_of(known.begin(), known.end(), [&](const Facility& f) {
      return f.code == request.referred_to;
    });
    if (!found) return rejected<CareAlert>(facility_not_found(request.referred_to));
  }
  alert->state = request.to;
  alert->handled_by = request.user_id;
  alert->handled_at_ms = now_ms;
  alert->referred_to = request.to == AlertState::referred ? request.referred_to : "";
  alert->note = request.note;
  store_.transaction([&] { store_.update_alert(*alert); });
  return {std::move(alert), {}};
}

size_t Surveillance::raise_missed_checks(std::span<const AreaId> communes, Date today, HalfDay now,
                                         int64_t now_ms) {
  const int32_t current = half_day_number(today, now);
  CaseQuery query;
  for (const AreaId commune : communes) {
    const auto swept = swept_through_.find(commune);
    if (swept == swept_through_.end() || swept->second != current) query.areas.push_back(commune);
  }
  if (!communes.empty() && query.areas.empty()) return 0;
  query.active_only = true;
  query.limit = 1'000'000;
  size_t raised = 0;
  store_.transaction([&] {
    for (const CovidCase& c : store_.search_cases(query)) {
      std::vector<int32_t> checked;
      for (const Observation& o : store_.observations_of(c.id)) {
        checked.push_back(half_day_number(o.date, o.half));
      }
      std::sort(checked.begin(), checked.end());
      for (const int32_t missed : missed_half_days(c, checked, today, now)) {
        CareAlert alert;
        alert.case_id = c.id;
        alert.person_id = c.person_id;
        alert.area_id = c.area_id;
        alert.kind = AlertKind::missed_check;
        alert.date = Date::from_days(missed / 2);
        alert.half = static_cast<HalfDay>(missed % 2);
        alert.raised_at_ms = now_ms;
        if (store_.insert_alert(alert)) ++raised;
      }
    }
  });
  for (const AreaId commune : query.areas) swept_through_[commune] = current;
  return raised;
}

Written<Facility> Surveillance::save_facility(const Facility& facility) {
  if (Violations v = check_facility(facility, registry_.areas()); !v.empty()) {
    return rejected<Facility>(std::move(v));
  }
  Facility saved = facility;
  store_.transaction([&] { saved.id = store_.upsert_facility(facility); });
  return {std::move(saved), {}};
}

Written<FacilityOccupancy> Surveillance::report_occupancy(const std::string& facility_code,
                                                          FacilityOccupancy occupancy, Date today) {
  const std::vector<Facility> known = store_.facilities();
  const auto it = std::find_if(known.begin(), known.end(),
                               [&](const Facility& f) { return f.code == facility_code; });
  if (it == known.end()) return rejected<FacilityOccupancy>(facility_not_found(facility_code));
  occupancy.facility_id = it->id;
  if (Violations v = check_occupancy(occupancy, today); !v.empty()) {
    return rejected<FacilityOccupancy>(std::move(v));
  }
  store_.transaction([&] { store_.save_occupancy(occupancy); });
  return {occupancy, {}};
}

std::optional<CovidCase> Surveillance::covid_case(Store& reader, CaseId id) const {
  return reader.covid_case(id);
}

std::vector<CovidCase> Surveillance::cases(Store& reader, const CaseQuery& query) const {
  return reader.search_cases(query);
}

CaseOutlook Surveillance::outlook(Store& reader, const CovidCase& c, Date today) const {
  CaseOutlook out;
  const std::vector<TestResult> tests = reader.tests_of(c.person_id);
  const bool vaccinated = fully_vaccinated_when_confirmed(reader, c);
  out.isolation = isolation_end(home_care_rules_, c, tests, vaccinated, today);

  ProgressionInputs inputs;
  out.person = registry_.status(reader, c.person_id, today);
  if (out.person) {
    const Person& person = out.person->person.person;
    inputs.age_years = age_in_years(person.birth_date, today);
    inputs.comorbidities = person.comorbidities;
    inputs.pregnant = person.pregnant;
    inputs.vaccination = out.person->status.status;
  }
  const std::vector<Observation> checks = reader.observations_of(c.id);
  if (!checks.empty()) {
    const Observation& latest = checks.back();  // by date, half-day, then id
    inputs.symptoms = latest.symptoms;
    inputs.danger_sign = !danger_signs(home_care_rules_, inputs.age_years, latest).empty();
  }
  out.risk = assess_progression_risk(progression_rules_, inputs, today);
  return out;
}

std::vector<CommuneCareCapacity> Surveillance::care_capacity(Store& reader, const std::string& tree,
                                                             Date on, int64_t now_ms) {
  constexpr int64_t kHouseholdCountsLifeMs = 10 * 60 * 1000;
  if (household_counts_read_ms_ < 0 ||
      now_ms - household_counts_read_ms_ > kHouseholdCountsLifeMs) {
    household_counts_ = reader.households_per_area();
    household_counts_read_ms_ = now_ms;
  }
  const AreaForest& areas = registry_.areas();
  std::unordered_map<AreaId, CommuneCareCapacity> by_commune;
  // Records may be kept in either tree's communes: each counts in the commune
  // of `tree` that holds it now.
  const auto commune = [&](AreaId area) -> CommuneCareCapacity* {
    const std::optional<AreaId> id = areas.commune_in_tree(area, tree);
    if (!id) return nullptr;
    CommuneCareCapacity& entry = by_commune[*id];
    entry.commune = *id;
    return &entry;
  };
  for (const Facility& f : reader.facilities()) {
    if (f.kind != FacilityKind::commune_station) continue;
    if (CommuneCareCapacity* entry = commune(f.area_id)) {
      entry->capacity_households += f.home_care_households;
    }
  }
  for (const AreaCount& count : household_counts_) {
    if (CommuneCareCapacity* entry = commune(count.area_id)) entry->households += count.count;
  }
  for (const AreaCount& count : reader.households_in_home_care()) {
    if (CommuneCareCapacity* entry = commune(count.area_id)) {
      entry->households_with_patient += count.count;
    }
  }
  const double target = targets_.in_force(on).care_households_per_10k;
  std::vector<CommuneCareCapacity> out;
  out.reserve(by_commune.size());
  for (auto& [id, entry] : by_commune) {
    entry.capacity = commune_care_capacity(entry.capacity_households, entry.households,
                                           entry.households_with_patient, target);
    out.push_back(entry);
  }
  std::sort(out.begin(), out.end(), [](const CommuneCareCapacity& a, const CommuneCareCapacity& b) {
    return a.commune < b.commune;
  });
  return out;
}

}  // namespace phongdich
