// The vital signs and symptoms of a home-care check: what a patient with a
// mild course shows, and what one who is getting worse shows.
//
// Ranges are ASSUMED, from usual clinical reference values by age, and kept
// inside the danger-sign thresholds of 261/QĐ-BYT (data/rules/home_care.json)
// when the patient is well: an adult breathes 14–18 times a minute (a danger
// sign from 20), SpO2 97–100 % (a sign at 96 % or below), a pulse from 60 to
// 100 (a sign above 120 or below 50). A deteriorating patient crosses one or
// more of them; a "borderline" check crosses exactly one by the smallest step
// (SpO2 96 %, or the respiratory-rate threshold itself), the kind of reading a
// station re-measures and acknowledges.
#pragma once

#include "domain/observation.hpp"
#include "synth/random.hpp"

namespace phongdich::synth {

// What stays the same from one check of a patient to the next.
struct PatientBaseline {
  int age_years = 30;
  int pulse = 75;
  int systolic = 115;
  int diastolic = 75;
  bool oximeter = true;     // has a pulse oximeter (SpO2)
  bool bp_monitor = false;  // has a blood-pressure monitor
  bool symptomatic = true;
  Symptoms usual_symptoms;  // the ones this patient has
};

PatientBaseline draw_baseline(Rng& rng, int age_years, bool symptomatic, bool omicron);

enum class CheckCondition { well, borderline, deteriorating };

// A check `day_of_illness` days after onset or confirmation (0 = that day).
// Only the measurements and symptoms are filled in.
Observation draw_check(Rng& rng, const PatientBaseline& patient, int day_of_illness,
                       CheckCondition condition);

}  // namespace phongdich::synth
