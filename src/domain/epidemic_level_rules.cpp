#include "domain/epidemic_level_rules.hpp"

namespace phongdich {
namespace {

constexpr std::array<const char*, kLevelMeasureCount> kNames{
    "new_cases_per_100k",   "oxygen_per_100k",        "deaths_per_100k",
    "adult_one_dose_share", "fully_vaccinated_share", "high_risk_fully_vaccinated_share"};

}  // namespace

const char* to_string(LevelMeasure measure) {
  const auto index = static_cast<size_t>(measure);
  return index < kNames.size() ? kNames[index] : "?";
}

std::optional<LevelMeasure> parse_level_measure(std::string_view text) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (text == kNames[i]) return static_cast<LevelMeasure>(i);
  }
  return std::nullopt;
}

bool is_share(LevelMeasure measure) {
  return measure == LevelMeasure::adult_one_dose_share ||
         measure == LevelMeasure::fully_vaccinated_share ||
         measure == LevelMeasure::high_risk_fully_vaccinated_share;
}

}  // namespace phongdich
