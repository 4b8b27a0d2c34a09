// How ill a confirmed case becomes: the chances of hospital care, oxygen,
// intensive care and death, rising with age and comorbidity and falling with
// vaccination and with the Omicron variant.
//
// ASSUMED rates, not measured in Viet Nam: the base rates by age are those of
// an unvaccinated confirmed case of the Delta period, chosen so that the
// generated Delta wave of Hồ Chí Minh City loses about 1–3 % of its cases (the
// city reported 3.9 % of its 2021 cases dead; nationally 1.7 % to 21/01/2022,
// shared/data/vn-covid). The relative effects (comorbidity ×2, primary series
// ×0.4 and booster ×0.2 on hospital care, Omicron ×0.3) are round numbers in
// the range of published estimates of vaccine effectiveness against severe
// disease; see data/synth/README.md.
#pragma once

#include <optional>

#include "domain/date.hpp"

namespace phongdich::synth {

enum class Protection { none, primary_series, booster };

// From the dates a person reached each status: protected 14 days after.
Protection protection_on(Date day, std::optional<Date> primary_complete_on,
                         std::optional<Date> booster_on);

// The variant of a case confirmed on `day`: Omicron from 15/01/2022 (assumed
// date of its dominance in Viet Nam).
bool omicron_period(Date day);

struct CourseRisks {
  double hospital = 0;           // needs hospital care (moderate or worse)
  double oxygen = 0;             // of those in hospital: needs oxygen
  double icu = 0;                // of those in hospital: intensive care
  double death_in_icu = 0;       // of those in intensive care
  double death_in_hospital = 0;  // of those in hospital who never reach intensive care
};

CourseRisks course_risks(int age_years, bool high_risk, Protection protection, Date confirmed_on);

}  // namespace phongdich::synth
