// Helpers for the rule-table tests: the shipped rules, persons and dose
// histories written the way a health-station worker would say them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/schedule.hpp"
#include "domain/vaccination_rules.hpp"

namespace phongdich::scenario {

// data/rules/vaccination.json, loaded once.
const VaccinationRules& shipped_rules();

Date date(std::string_view iso);

// `who`: "" (no risk), "immunodeficient" or "high exposure".
Person person(std::string_view born, std::string_view who);

// Records "AZ 2021-06-01, AZ 2021-08-01, PFIZER 2022-01-05" through the
// engine, as the registry does: each dose gets the kind assess_dose gives it.
// A dose marked "!" ("AZ 2021-07-15!") is recorded as overridden; every other
// dose must be accepted, or the scenario itself is wrong and the test fails.
std::vector<DoseRecord> record_history(const Person& who, std::string_view history);

// "primary 2", "booster1", "booster1 rejected: dose.a, dose.b" (codes sorted).
std::string describe(const DoseAssessment& assessment);

// "partial; next primary from 2021-06-29: AZ PFIZER MODERNA" or "booster1; nothing further".
std::string describe(const StatusAsOf& status);

}  // namespace phongdich::scenario
