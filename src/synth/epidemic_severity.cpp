#include "synth/epidemic_severity.hpp"

#include <algorithm>
#include <array>

namespace phongdich::synth {
namespace {

// Rates of an unvaccinated confirmed case without comorbidity, Delta period,
// by age band (the first band whose min_age <= age, scanning from the oldest).
struct AgeBand {
  int min_age;
  double hospital;
  double oxygen;
  double icu;
  double death_in_icu;
  double death_in_hospital;
};
constexpr std::array kBands = {
    AgeBand{0, 0.020, 0.30, 0.05, 0.10, 0.002},  AgeBand{5, 0.010, 0.30, 0.05, 0.10, 0.002},
    AgeBand{18, 0.030, 0.35, 0.08, 0.20, 0.005}, AgeBand{40, 0.060, 0.50, 0.15, 0.35, 0.005},
    AgeBand{50, 0.100, 0.50, 0.15, 0.35, 0.010}, AgeBand{60, 0.180, 0.65, 0.22, 0.50, 0.020},
    AgeBand{70, 0.280, 0.65, 0.30, 0.65, 0.050}, AgeBand{80, 0.380, 0.70, 0.30, 0.70, 0.100},
};

constexpr double kComorbidityHospital = 2.0;
constexpr double kComorbidityIcu = 1.3;
constexpr double kPrimaryHospital = 0.4;
constexpr double kBoosterHospital = 0.2;
constexpr double kVaccinatedDeath = 0.7;  // of those in hospital or intensive care
constexpr double kOmicronHospital = 0.3;
constexpr int kDaysToProtection = 14;

const AgeBand& band_of(int age) {
  for (auto it = kBands.rbegin(); it != kBands.rend(); ++it)
    if (age >= it->min_age) return *it;
  return kBands.front();
}

}  // namespace

Protection protection_on(Date day, std::optional<Date> primary_complete_on,
                         std::optional<Date> booster_on) {
  const auto protected_by = [&](std::optional<Date> reached) {
    return reached && reached->plus_days(kDaysToProtection) <= day;
  };
  if (protected_by(booster_on)) return Protection::booster;
  if (protected_by(primary_complete_on)) return Protection::primary_series;
  return Protection::none;
}

bool omicron_period(Date day) { return day >= *Date::from_ymd(2022, 1, 15); }

CourseRisks course_risks(int age_years, bool high_risk, Protection protection, Date confirmed_on) {
  const AgeBand& band = band_of(age_years);
  CourseRisks r{band.hospital, band.oxygen, band.icu, band.death_in_icu, band.death_in_hospital};
  if (high_risk) {
    r.hospital *= kComorbidityHospital;
    r.icu *= kComorbidityIcu;
  }
  if (protection == Protection::primary_series) r.hospital *= kPrimaryHospital;
  if (protection == Protection::booster) r.hospital *= kBoosterHospital;
  if (protection != Protection::none) {
    r.death_in_icu *= kVaccinatedDeath;
    r.death_in_hospital *= kVaccinatedDeath;
  }
  if (omicron_period(confirmed_on)) r.hospital *= kOmicronHospital;
  r.hospital = std::min(r.hospital, 0.9);
  r.icu = std::min(r.icu, 0.6);
  return r;
}

}  // namespace phongdich::synth
