// A case's risk of progressing to severe disease (5525/QĐ-BYT), with the
// points that made it, so a clinician can check the reasoning.
#pragma once

#include <string>
#include <vector>

#include "domain/observation.hpp"
#include "domain/person.hpp"
#include "domain/progression_risk_rules.hpp"
#include "domain/vaccination.hpp"

namespace phongdich {

struct ProgressionInputs {
  int age_years = 0;
  Comorbidities comorbidities;
  bool pregnant = false;
  VaccinationStatus vaccination = VaccinationStatus::none;
  Symptoms symptoms;         // from the latest check
  bool danger_sign = false;  // the latest check showed a danger sign
};

struct ProgressionAssessment {
  ProgressionRisk group = ProgressionRisk::low;
  int points = 0;
  std::string colour;
  std::string version_id;
  std::string source;
  std::vector<std::string> reasons_vi;  // "Tuổi 67: +2 điểm"
  std::vector<std::string> reasons_en;  // "Age 67: +2 points"
};

// Under the rules in force on `on` (the day of the assessment).
ProgressionAssessment assess_progression_risk(const ProgressionRiskRules& rules,
                                              const ProgressionInputs& inputs, Date on);

}  // namespace phongdich
