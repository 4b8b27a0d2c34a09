// The epidemic level of one area for one week, with every reason: each
// criterion's value, the band it fell in and what it did to the level, in
// Vietnamese and English, so an official sees why a commune is orange.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/epidemic_level_rules.hpp"
#include "domain/week_index.hpp"

namespace phongdich {

// An area's inputs for one ISO week. C1 rates come from WeeklyIndicators;
// coverage shares (0..1) and capacity from the registry and the station. An
// unknown share or capacity counts as "not met": the level is never lowered,
// nor left unraised, for want of data.
struct LevelInputs {
  double new_cases_per_100k = 0;
  double oxygen_per_100k = 0;
  double deaths_per_100k = 0;
  std::optional<double> adult_one_dose_share;              // 4800 C2
  std::optional<double> fully_vaccinated_share;            // 218 C2
  std::optional<double> high_risk_fully_vaccinated_share;  // 218 C2
  std::optional<bool> capacity_met;                        // C3
};

struct LevelReason {
  std::string criterion;        // "C1", "C2", "C3", "level"
  std::string measure;          // LevelMeasure name, or "" for C3 and the level
  std::optional<double> value;  // the input value, when there is one
  std::string band;             // "20 to < 50", ">= 75%", "met", "not met", "unknown"
  std::string
      effect;  // "level 2", "raised by 1", "lowered by 1", "not lowered", "capped at 3", "none"
  std::string text_vi;
  std::string text_en;
};

struct LevelAssessment {
  int level = 1;  // 1..4
  std::string colour;
  std::string name_vi;
  std::string name_en;
  std::string version_id;  // the rule version that applied
  std::string source;
  int c1_level = 1;
  bool c2_met = false;
  bool c3_met = false;
  std::vector<LevelReason> reasons;  // C1 measures, C2, C3, adjustments, in the order applied
};

// Under the version in force on the Sunday that ends `week`: a level is
// assessed once a week is complete, by the rules of that week.
LevelAssessment assess_level(const EpidemicLevelRules& rules, const LevelInputs& inputs,
                             WeekIndex week);

}  // namespace phongdich
