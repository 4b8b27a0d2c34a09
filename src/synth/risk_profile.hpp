// Comorbidities and risk flags of a synthetic person, by age and sex.
//
// The prevalences are assumptions of plausible size for Vietnam (documented in
// data/synth/README.md), not measured figures: enough for realistic priority
// lists and door-to-door lists, not for epidemiology.
#pragma once

#include "domain/person.hpp"
#include "synth/random.hpp"

namespace phongdich::synth {

struct RiskProfile {
  Comorbidities comorbidities;  // bit i-1 = item i of the 20-item list
  bool pregnant = false;
  bool immunodeficient = false;
  bool high_exposure = false;
  bool other_risk = false;
  bool needs_home_visit = false;
};

RiskProfile draw_risk_profile(Rng& rng, int age, Sex sex);

}  // namespace phongdich::synth
