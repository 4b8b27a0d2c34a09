#include "domain/commune_levels.hpp"

namespace phongdich {
namespace {

template <typename T>
std::optional<T> at(std::span<const std::optional<T>> values, size_t slot) {
  return slot < values.size() ? values[slot] : std::nullopt;
}

}  // namespace

std::vector<LevelAssessment> assess_all(const EpidemicLevelRules& rules,
                                        const WeeklyIndicators& indicators, WeekIndex week,
                                        const CommuneLevelInputs& inputs) {
  const std::span<const WeekCounts> counts = indicators.commune_counts(week);
  std::vector<LevelAssessment> out;
  out.reserve(counts.size());
  for (size_t slot = 0; slot < counts.size(); ++slot) {
    const int64_t population = slot < inputs.population.size() ? inputs.population[slot] : 0;
    const WeekRates rates = rates_of(counts[slot], population);
    LevelInputs in;
    in.new_cases_per_100k = rates.new_cases_per_100k;
    in.oxygen_per_100k = rates.oxygen_per_100k;
    in.deaths_per_100k = rates.deaths_per_100k;
    in.adult_one_dose_share = at(inputs.adult_one_dose_share, slot);
    in.fully_vaccinated_share = at(inputs.fully_vaccinated_share, slot);
    in.high_risk_fully_vaccinated_share = at(inputs.high_risk_fully_vaccinated_share, slot);
    in.capacity_met = at(inputs.capacity_met, slot);
    out.push_back(assess_level(rules, in, week));
  }
  return out;
}

}  // namespace phongdich
