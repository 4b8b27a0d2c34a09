#include "synth/risk_profile.hpp"

#include <array>

namespace phongdich::synth {
namespace {

// Prevalence (fraction) of one comorbidity in four age groups.
struct Prevalence {
  int item;  // number in the 20-item list (domain/risk-groups.md)
  double under18, age18_39, age40_59, age60_plus;
};

constexpr std::array<Prevalence, 18> kPrevalence{{
    {14, 0.000, 0.050, 0.200, 0.400},    // hypertension
    {1, 0.001, 0.010, 0.060, 0.120},     // diabetes
    {2, 0.002, 0.005, 0.020, 0.060},     // COPD and other lung disease
    {7, 0.001, 0.005, 0.030, 0.100},     // cardiovascular disease
    {8, 0.000, 0.001, 0.007, 0.030},     // cerebrovascular disease
    {3, 0.001, 0.002, 0.005, 0.015},     // cancer
    {4, 0.001, 0.003, 0.010, 0.030},     // chronic kidney disease
    {6, 0.010, 0.020, 0.030, 0.020},     // obesity
    {13, 0.030, 0.030, 0.030, 0.040},    // asthma
    {16, 0.001, 0.015, 0.025, 0.025},    // liver disease
    {10, 0.000, 0.003, 0.003, 0.001},    // HIV/AIDS
    {11, 0.001, 0.001, 0.003, 0.030},    // neurological disease, dementia
    {12, 0.003, 0.003, 0.003, 0.003},    // thalassaemia, blood disorders
    {9, 0.001, 0.001, 0.000, 0.000},     // Down syndrome
    {18, 0.001, 0.003, 0.003, 0.005},    // corticosteroids, immunosuppressants
    {19, 0.005, 0.010, 0.010, 0.015},    // other systemic disease
    {5, 0.000, 0.0002, 0.0002, 0.0002},  // transplant
    {20, 0.005, 0.000, 0.000, 0.000},    // paediatric heart / metabolic disorders
}};

double rate_for_age(const Prevalence& p, int age) {
  if (age < 18) return p.under18;
  if (age < 40) return p.age18_39;
  if (age < 60) return p.age40_59;
  return p.age60_plus;
}

}  // namespace

RiskProfile draw_risk_profile(Rng& rng, int age, Sex sex) {
  RiskProfile r;
  for (const auto& p : kPrevalence) {
    if (rng.chance(rate_for_age(p, age))) r.comorbidities.set(static_cast<size_t>(p.item - 1));
  }
  if (sex == Sex::male && age >= 18 && rng.chance(0.01))
    r.comorbidities.set(17 - 1);  // substance use
  r.immunodeficient = rng.chance(0.005);
  if (r.immunodeficient) r.comorbidities.set(kComorbidityImmunodeficiency - 1);
  r.pregnant = sex == Sex::female && age >= 18 && age <= 45 && rng.chance(0.03);
  r.high_exposure = age >= 20 && age <= 60 && rng.chance(0.04);
  r.other_risk = rng.chance(0.02);
  // Who cannot travel to a vaccination point: the very old, and some of the
  // disabled or unsupported (other_risk). About 1.5% of everyone.
  const double home_visit = age >= 80 ? 0.25 : age >= 70 ? 0.08 : 0.003;
  r.needs_home_visit = rng.chance(home_visit) || (r.other_risk && rng.chance(0.3));
  return r;
}

}  // namespace phongdich::synth
