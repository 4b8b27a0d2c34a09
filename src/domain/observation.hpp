// A home-care check of a case: the vital signs and symptoms taken in the
// morning or the afternoon (4038 → 261 → 604/QĐ-BYT ask for two a day).
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/covid_case.hpp"
#include "domain/date.hpp"

namespace phongdich {

using ObservationId = int64_t;

enum class HalfDay : uint8_t { morning = 0, afternoon = 1 };
const char* to_string(HalfDay half);  // "morning", "afternoon"
std::optional<HalfDay> parse_half_day(std::string_view text);

// A half-day as one number (2 × days + half), so "the next check" is +1.
inline int32_t half_day_number(Date date, HalfDay half) {
  return date.days() * 2 + static_cast<int32_t>(half);
}

// The symptoms a check asks about; the first eight are danger signs whatever
// the measurements (261/QĐ-BYT), the rest are recorded for the clinician.
enum class Symptom : uint8_t {
  shortness_of_breath = 0,
  chest_pain,
  consciousness_change,
  cyanosis,
  not_drinking_or_feeding,  // children
  mis_c_signs,              // children: multisystem inflammatory syndrome
  new_acute_illness,
  unstable_condition,
  fever,
  cough,
  sore_throat,
  fatigue,
  loss_of_taste_or_smell,
  diarrhoea,
  count
};
inline constexpr int kSymptomCount = static_cast<int>(Symptom::count);
using Symptoms = std::bitset<kSymptomCount>;
const char* to_string(Symptom symptom);  // "shortness_of_breath" ...
std::optional<Symptom> parse_symptom(std::string_view text);

enum class EnteredBy : uint8_t { staff = 0, patient = 1 };

struct Observation {
  ObservationId id = 0;  // 0 until stored
  CaseId case_id = 0;
  Date date;
  HalfDay half = HalfDay::morning;
  // Measurements the patient could take; a check without a pulse oximeter has no SpO2.
  std::optional<int> spo2_percent;      // 50..100
  std::optional<int> respiratory_rate;  // breaths per minute
  std::optional<int> pulse;             // beats per minute
  std::optional<double> temperature_c;  // °C
  std::optional<int> systolic_mmhg, diastolic_mmhg;
  Symptoms symptoms;
  EnteredBy entered_by = EnteredBy::staff;
  int64_t recorded_at_ms = 0;  // when it reached the system (unix ms)
};

}  // namespace phongdich
