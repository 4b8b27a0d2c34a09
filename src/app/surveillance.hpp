// The surveillance use-cases: test results, cases (F0) and their care, the
// twice-daily home-care checks with their danger-sign and missed-check alerts,
// and facilities with their occupancy. Each write is one store transaction and
// is checked by the rules in force on its date (domain/*_checks, case
// definition, danger signs); nothing rejected is stored.
//
// Writes run on the writer's store (one thread, like Registry's); reads take
// the store they are given, so that the server may use a reader connection.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/epidemic_picture.hpp"
#include "app/registry.hpp"
#include "domain/care_alert.hpp"
#include "domain/care_capacity.hpp"
#include "domain/case_confirmation.hpp"
#include "domain/case_rules.hpp"
#include "domain/covid_case.hpp"
#include "domain/danger_signs.hpp"
#include "domain/epidemic_level_rules.hpp"
#include "domain/facility.hpp"
#include "domain/home_care_rules.hpp"
#include "domain/isolation_end.hpp"
#include "domain/observation.hpp"
#include "domain/progression_risk.hpp"
#include "domain/progression_risk_rules.hpp"
#include "domain/surveillance_targets.hpp"
#include "domain/test_result.hpp"
#include "domain/violation.hpp"
#include "rules/rt_settings_json.hpp"
#include "store/store.hpp"

namespace phongdich {

// What a write gives back: the stored record, or why nothing was stored.
template <typename T>
struct Written {
  std::optional<T> value;
  Violations violations;
  bool ok() const { return value.has_value(); }
};

struct RegisterCaseRequest {
  PersonId person_id = 0;
  CaseFlags flags;
  std::optional<Date> onset_date;
  bool imported = false;
  // Where care begins: home care unless the patient went straight to hospital.
  CaseState initial_state = CaseState::home_care;
  std::string place;  // facility code for hospital or ICU
};

struct RecordedObservation {
  Observation observation;
  std::vector<DangerSign> signs;   // empty: no danger sign
  std::optional<CareAlert> alert;  // raised when there are signs
};

// What the station needs to know of a case it follows: when home isolation
// may end, and the patient's risk of progressing to severe disease.
struct CaseOutlook {
  std::optional<PersonStatus> person;  // the patient and their vaccination today
  IsolationEnd isolation;
  ProgressionAssessment risk;
};

// Commune care capacity (target T8) per commune of one area tree.
struct CommuneCareCapacity {
  AreaId commune = 0;
  int64_t capacity_households = 0;  // declared by the commune's stations
  int64_t households = 0;
  int64_t households_with_patient = 0;  // a member in home care now
  CareCapacity capacity;
  // T8 (and C3) can be judged: a station declared a capacity and the
  // households are known. Otherwise C3 stays unknown.
  bool assessed() const { return capacity_households > 0 && capacity.capacity_per_10k; }
};

struct HandleAlertRequest {
  AlertId id = 0;
  AlertState to = AlertState::acknowledged;  // acknowledged or referred
  int64_t user_id = 0;
  std::string referred_to;  // facility code, for referred
  std::string note;
};

class Surveillance {
 public:
  // The rules come from <data_dir>/rules/: cases.json, home_care.json,
  // epidemic_levels.json, surveillance_targets.json, progression_risk.json and rt.json.
  explicit Surveillance(Registry& registry);
  ~Surveillance();
  Surveillance(const Surveillance&) = delete;
  Surveillance& operator=(const Surveillance&) = delete;

  const CaseRules& case_rules() const { return case_rules_; }
  const HomeCareRules& home_care_rules() const { return home_care_rules_; }
  const EpidemicLevelRules& level_rules() const { return level_rules_; }
  const SurveillanceTargets& targets() const { return targets_; }
  const ProgressionRiskRules& progression_rules() const { return progression_rules_; }
  const RtSettings& rt_settings() const { return rt_settings_; }

  // The weekly indicators and daily counts, loaded from the store on first use
  // and kept current by the writes below.
  const EpidemicPicture& picture();
  // After a failed write the picture (and the record of communes swept for
  // missed checks) may count what was rolled back; after another server's
  // writes they may miss what it wrote: forget both.
  void drop_derived_state() {
    picture_.drop();
    swept_through_.clear();
  }

  // The test counts in the person's commune of the day.
  Written<TestResult> record_test(TestResult test, Date today);
  // Confirms the case by the case definition in force (from the person's
  // tests), and refuses a second active case of the same person.
  Written<CovidCase> register_case(const RegisterCaseRequest& request, Date today);
  Written<CovidCase> add_case_step(CaseId id, const CaseStep& step, Date today);
  // Records the end of the case's home isolation on `ended_on` when the rules
  // in force allow it (check_isolation_end); the case leaves home care as
  // recovered that day, which starts its 12-month follow-up.
  Written<CovidCase> end_isolation(CaseId id, Date ended_on, Date today);
  // A check of a case in home care; a danger sign raises an alert in the same
  // transaction, so the station sees it as soon as the check is stored.
  Written<RecordedObservation> record_observation(Observation observation, Date today,
                                                  int64_t now_ms);
  // The same for a case the caller has just read through the writer's store
  // (the server reads it to decide access): it is not read twice.
  Written<RecordedObservation> record_observation(const CovidCase& covid_case,
                                                  Observation observation, Date today,
                                                  int64_t now_ms);
  Written<CareAlert> handle_alert(const HandleAlertRequest& request, int64_t now_ms);
  // Raises an alert for every half-day before `now` that a case in home care
  // in `communes` (all when empty) passed without a check; returns how many
  // were new. Running it again raises nothing twice. A commune already swept
  // in this half-day is skipped until a case of it is registered or changes
  // care (which may open half-days in the past): a list read many times an
  // hour reads each commune's checks once per half-day.
  size_t raise_missed_checks(std::span<const AreaId> communes, Date today, HalfDay now,
                             int64_t now_ms);

  Written<Facility> save_facility(const Facility& facility);
  Written<FacilityOccupancy> report_occupancy(const std::string& facility_code,
                                              FacilityOccupancy occupancy, Date today);

  // Reads, through any connection.
  std::optional<CovidCase> covid_case(Store& reader, CaseId id) const;
  std::vector<CovidCase> cases(Store& reader, const CaseQuery& query) const;
  // The isolation and risk of a case as of `today`: from the person's tests,
  // their vaccination when the case was confirmed, and the latest check.
  CaseOutlook outlook(Store& reader, const CovidCase& covid_case, Date today) const;

  // The care capacity of every commune of `tree` that has households, a
  // station or a patient, under the target in force on `on`. The household
  // counts are re-read from the store at most every ten minutes (they change
  // slowly and counting them reads every household); the capacity and the
  // households in home care are read each time. Writer thread only.
  std::vector<CommuneCareCapacity> care_capacity(Store& reader, const std::string& tree, Date on,
                                                 int64_t now_ms);

 private:
  bool fully_vaccinated_when_confirmed(Store& reader, const CovidCase& covid_case) const;

  Registry& registry_;
  Store& store_;
  CaseRules case_rules_;
  HomeCareRules home_care_rules_;
  EpidemicLevelRules level_rules_;
  SurveillanceTargets targets_;
  RtSettings rt_settings_;
  ProgressionRiskRules progression_rules_;
  EpidemicPicture picture_;
  std::unordered_map<AreaId, int32_t> swept_through_;  // commune -> half-day swept in
  std::vector<AreaCount> household_counts_;
  int64_t household_counts_read_ms_ = -1;
};

}  // namespace phongdich
