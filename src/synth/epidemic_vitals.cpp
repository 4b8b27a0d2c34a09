#include "synth/epidemic_vitals.hpp"

#include <algorithm>
#include <cmath>

namespace phongdich::synth {
namespace {

// Normal breathing by age, as [lo, hi] breaths a minute, each below the
// danger-sign threshold of its band (under 1: 50, 1–4: 40, 5–11: 30, 12+: 20).
struct Range {
  int lo, hi;
};
Range breathing(int age) {
  if (age < 1) return {32, 44};
  if (age < 5) return {24, 34};
  if (age < 12) return {18, 26};
  return {14, 18};
}
int breathing_threshold(int age) {
  if (age < 1) return 50;
  if (age < 5) return 40;
  if (age < 12) return 30;
  return 20;
}
Range resting_pulse(int age) {
  if (age < 1) return {100, 115};
  if (age < 5) return {90, 110};
  if (age < 12) return {75, 100};
  return {60, 90};
}

int spo2_well(Rng& rng) {
  const double u = rng.real();
  return u < 0.2 ? 97 : u < 0.65 ? 98 : u < 0.95 ? 99 : 100;
}

void set(Symptoms& s, Symptom symptom) { s.set(static_cast<size_t>(symptom)); }

}  // namespace

PatientBaseline draw_baseline(Rng& rng, int age, bool symptomatic, bool omicron) {
  PatientBaseline p;
  p.age_years = age;
  const Range pulse = resting_pulse(age);
  p.pulse = rng.between(pulse.lo, pulse.hi);
  p.oximeter = rng.chance(0.85);
  p.bp_monitor = age >= 18 && rng.chance(age >= 40 ? 0.5 : 0.15);
  // Systolic rises with age; diastolic stays 25-45 below it and at 62 or more.
  p.systolic = std::clamp(100 + (age - 18) / 2 + rng.between(-5, 15), 100, 160);
  p.diastolic = std::clamp(p.systolic - rng.between(30, 45), 62, 95);
  p.symptomatic = symptomatic;
  if (symptomatic) {
    // Shares among symptomatic patients (assumed).
    if (rng.chance(0.65)) set(p.usual_symptoms, Symptom::fever);
    if (rng.chance(0.55)) set(p.usual_symptoms, Symptom::cough);
    if (rng.chance(omicron ? 0.55 : 0.35)) set(p.usual_symptoms, Symptom::sore_throat);
    if (rng.chance(0.45)) set(p.usual_symptoms, Symptom::fatigue);
    if (rng.chance(omicron ? 0.05 : 0.25)) set(p.usual_symptoms, Symptom::loss_of_taste_or_smell);
    if (rng.chance(0.08)) set(p.usual_symptoms, Symptom::diarrhoea);
  }
  return p;
}

Observation draw_check(Rng& rng, const PatientBaseline& p, int day, CheckCondition condition) {
  Observation o;
  const int age = p.age_years;
  // Symptoms fade over the first week: each usual one is reported with a
  // chance that halves about every five days.
  const double present = 0.9 * std::exp(-std::max(day, 0) / 7.0);
  for (int s = 0; s < kSymptomCount; ++s)
    if (p.usual_symptoms.test(static_cast<size_t>(s)) && rng.chance(present)) o.symptoms.set(s);
  const bool fever = o.symptoms.test(static_cast<size_t>(Symptom::fever)) && day <= 4;
  if (!fever) o.symptoms.reset(static_cast<size_t>(Symptom::fever));

  const Range rr = breathing(age);
  int respiratory_rate = rng.between(rr.lo, rr.hi);
  int pulse =
      std::min(p.pulse + (fever ? rng.between(5, 15) : rng.between(-4, 4)), age < 5 ? 118 : 115);
  int spo2 = spo2_well(rng);
  int systolic = p.systolic + rng.between(-6, 6);
  // Kept at 60 or more (a danger sign below) and 20 below the systolic.
  int diastolic = std::clamp(p.diastolic + rng.between(-4, 4), 60, systolic - 20);
  double temperature = fever ? 37.6 + 0.1 * rng.between(0, 16) : 36.3 + 0.1 * rng.between(0, 9);

  if (condition == CheckCondition::borderline) {
    // One sign, by the smallest step past its threshold.
    if (p.oximeter) {
      spo2 = 96;
    } else {
      respiratory_rate = breathing_threshold(age);
    }
  } else if (condition == CheckCondition::deteriorating) {
    spo2 = rng.between(88, 95);
    respiratory_rate = breathing_threshold(age) + rng.between(1, age >= 12 ? 8 : 10);
    pulse = std::min(pulse + rng.between(10, 30), 135);
    if (rng.chance(0.7)) set(o.symptoms, Symptom::shortness_of_breath);
    if (rng.chance(0.15)) set(o.symptoms, Symptom::chest_pain);
    if (age < 16 && rng.chance(0.2)) set(o.symptoms, Symptom::not_drinking_or_feeding);
    if (age >= 75 && rng.chance(0.1)) set(o.symptoms, Symptom::consciousness_change);
    set(o.symptoms, Symptom::fatigue);
  }

  // A check without an oximeter has no SpO2; the family counts breaths and
  // pulse and reads a thermometer.
  if (p.oximeter) o.spo2_percent = spo2;
  o.respiratory_rate = respiratory_rate;
  o.pulse = pulse;
  o.temperature_c = std::round(temperature * 10) / 10;
  if (p.bp_monitor) {
    o.systolic_mmhg = systolic;
    o.diastolic_mmhg = diastolic;
  }
  return o;
}

}  // namespace phongdich::synth
