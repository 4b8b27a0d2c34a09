// What the epidemic generator produces: each case with the tests, care steps,
// home-care checks and alerts that belong to it, the negative tests of its
// contacts, and the facilities with their daily occupancy. Nothing has a store
// id yet; records refer to each other by position, and the writer
// (app/generate_epidemic) turns positions into ids as it stores them.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/care_alert.hpp"
#include "domain/case_confirmation.hpp"
#include "domain/covid_case.hpp"
#include "domain/facility.hpp"
#include "domain/observation.hpp"
#include "domain/test_result.hpp"

namespace phongdich::synth {

struct SimulatedAlert {
  CareAlert alert;  // case, person and observation ids are left 0
  // Danger signs: the position of the check in SimulatedCase::observations.
  int32_t observation = -1;
};

struct SimulatedCase {
  CovidCase covid_case;  // steps and isolation end included; confirming_test left 0
  CaseFlags flags;       // what the station knew when it confirmed the case
  int32_t age_years = 0;
  std::vector<TestResult> tests;  // the person's own tests, in sample order
  size_t confirming_test = 0;     // position in tests
  std::vector<Observation> observations;
  std::vector<SimulatedAlert> alerts;
};

struct EpidemicBatch {
  Date first_day, last_day;  // the confirmation days it covers
  std::vector<SimulatedCase> cases;
  std::vector<TestResult> contact_tests;  // negative tests of the cases' contacts

  void clear() {
    cases.clear();
    contact_tests.clear();
  }
};

// A facility's occupancy refers to it by position in facilities(), from 1.
using FacilityPosition = int64_t;

// Counts over everything generated so far.
struct EpidemicTotals {
  int64_t cases = 0;
  int64_t imported = 0;
  int64_t tests = 0;  // the cases' and the contacts'
  int64_t observations = 0;
  int64_t danger_sign_alerts = 0;
  int64_t missed_check_alerts = 0;
  int64_t hospitalised = 0;  // admitted for their illness (tier-1 isolation not counted)
  int64_t treated_in_field_hospital = 0;  // mild cases isolated in a field hospital (2021)
  int64_t oxygen = 0;
  int64_t icu = 0;
  int64_t died = 0;
  int64_t active_at_end = 0;
};

}  // namespace phongdich::synth
