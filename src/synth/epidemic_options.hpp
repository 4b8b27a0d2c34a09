// What the epidemic generator is given: the persons of an area as plain facts,
// the area's communes, the days and the expected cases of each day, the rules
// the records must keep, and a seed.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/case_rules.hpp"
#include "domain/date.hpp"
#include "domain/home_care_rules.hpp"
#include "domain/person.hpp"
#include "domain/violation.hpp"

namespace phongdich::synth {

// A person who may be infected, with what their course depends on.
struct EpidemicPerson {
  PersonId id = 0;
  AreaId commune = 0;
  HouseholdId household = 0;  // 0: none known
  Date birth_date;
  bool high_risk = false;  // a comorbidity, immunodeficiency, pregnancy (Person::high_risk)
  // The day the primary series was complete and the day of the first booster
  // (schedule engine's status dates), if reached.
  std::optional<Date> primary_complete_on;
  std::optional<Date> booster_on;
};

struct EpidemicCommune {
  AreaId id = 0;
  std::string code;
  std::string name;
};

// The area the facilities serve (a district, usually).
struct EpidemicArea {
  AreaId id = 0;
  std::string code;
  std::string name;
  std::vector<EpidemicCommune> communes;  // where its persons live
};

struct EpidemicOptions {
  uint64_t seed = 1;
  Date from;
  Date to;  // the last day simulated; nothing is dated after it
  // Expected confirmed cases of each day of [from, to] (epidemic_curve.hpp).
  std::vector<double> expected_daily_cases;
  EpidemicArea area;
  // By id, each once; must outlive the generator.
  std::span<const EpidemicPerson> persons;
  // The rules the records keep; must outlive the generator. Required.
  const CaseRules* case_rules = nullptr;
  const HomeCareRules* home_care_rules = nullptr;
  // Cases per batch handed to the caller (one store transaction each).
  size_t batch_cases = 2'000;
};

// Every problem with the options (empty when they are usable).
Violations check_epidemic_options(const EpidemicOptions& options);

}  // namespace phongdich::synth
