// Input checks of a home-care observation before it is stored: each
// measurement within what a living patient can show (so that a typo such as
// SpO2 "9" or a temperature in °F is caught at the door), and a date inside
// the time the case was followed. Pure: "today" is passed in.
//
// The ranges are plausibility limits of phongdich, not rules of the Ministry:
// a value inside them may still be a danger sign (domain/danger_signs.hpp).
#pragma once

#include "domain/covid_case.hpp"
#include "domain/date.hpp"
#include "domain/observation.hpp"
#include "domain/violation.hpp"

namespace phongdich {

// The accepted ranges, both ends inclusive.
struct MeasurementRange {
  double min;
  double max;
};
inline constexpr MeasurementRange kSpo2Range{50, 100};           // %
inline constexpr MeasurementRange kRespiratoryRateRange{5, 80};  // breaths per minute
inline constexpr MeasurementRange kPulseRange{20, 250};          // beats per minute
inline constexpr MeasurementRange kTemperatureRange{30, 45};     // °C
inline constexpr MeasurementRange kSystolicRange{50, 260};       // mmHg
inline constexpr MeasurementRange kDiastolicRange{30, 160};      // mmHg

// Every problem of `observation` of `covid_case`, or none.
Violations check_observation(const Observation& observation, const CovidCase& covid_case,
                             Date today);

}  // namespace phongdich
