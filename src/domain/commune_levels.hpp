// The epidemic level of every commune for one week, from the weekly
// indicators and the coverage and capacity of each commune: what the weekly
// public map shows (shared/domain/epidemic-levels.md).
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "domain/epidemic_level.hpp"
#include "domain/weekly_indicators.hpp"

namespace phongdich {

// Per commune slot (WeeklyIndicators::slot_of); an empty span, or an empty
// optional in it, means unknown.
struct CommuneLevelInputs {
  std::span<const int64_t> population;  // denominators of the rates
  std::span<const std::optional<double>> adult_one_dose_share;
  std::span<const std::optional<double>> fully_vaccinated_share;
  std::span<const std::optional<double>> high_risk_fully_vaccinated_share;
  std::span<const std::optional<bool>> capacity_met;  // C3, e.g. from commune_care_capacity()
};

// One assessment per commune slot, in slot order.
std::vector<LevelAssessment> assess_all(const EpidemicLevelRules& rules,
                                        const WeeklyIndicators& indicators, WeekIndex week,
                                        const CommuneLevelInputs& inputs);

}  // namespace phongdich
