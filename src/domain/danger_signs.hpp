// The danger signs of a home-care check (261/QĐ-BYT and the versions before
// and after it): each sign with the value that showed it and the threshold it
// crossed, so the alert tells the station why, not only that.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/home_care_rules.hpp"
#include "domain/observation.hpp"

namespace phongdich {

struct DangerSign {
  std::string code;             // "respiratory_rate", "spo2", "pulse_high", "pulse_low",
                                // "systolic_low", "diastolic_low", or a Symptom's name
  std::optional<double> value;  // the measurement; none for a symptom
  std::string threshold;        // "≥ 20/min (adults)", "≤ 96%", "present"
  std::string text_vi;          // "Nhịp thở 24 lần/phút (người lớn: ≥ 20)"
  std::string text_en;          // "Respiratory rate 24/min (adults: ≥ 20)"
};

// The signs in `observation` of a patient aged `age_years` (completed years on
// the day of the check), under the rules in force on the check's date. An
// absent measurement shows no sign. Symptom signs first (in the file's
// order), then respiratory rate, SpO2, pulse and blood pressure.
std::vector<DangerSign> danger_signs(const HomeCareRules& rules, int age_years,
                                     const Observation& observation);

// The codes joined by commas, as CareAlert::signs keeps them.
std::string sign_codes(const std::vector<DangerSign>& signs);

}  // namespace phongdich
