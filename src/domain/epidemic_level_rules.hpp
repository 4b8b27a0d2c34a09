// The epidemic-level rules (cấp độ dịch, Resolution 128/NQ-CP) as a model:
// versions 4800/QĐ-BYT (12/10/2021) and 218/QĐ-BYT (27/1/2022), each a set of
// bands and adjustments read from data/rules/epidemic_levels.json.
//
// A level is assessed in three steps, every one of them data:
//   C1  each measure of the spread (new cases, cases needing oxygen, deaths per
//       100,000 per week) gives a level by its bands; C1 is the highest;
//   C2  vaccination coverage conditions, all of which must hold ("met");
//   C3  capacity to manage and care for patients (met or not, passed in);
//   then adjustments: "C2 not met: raise by one", "C2 met: lower by one",
//   "C3 not met: not lowered below C1", and an optional requirement for the top
//   level ("level 4 needs > 600 new cases per 100,000 per week").
// The Ministry's full matrices are unconfirmed (shared/domain/epidemic-levels.md);
// the file marks each assumed value with a "note".
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/rule_versions.hpp"

namespace phongdich {

// What an assessment reads; the names are the keys of the rule file.
enum class LevelMeasure : uint8_t {
  new_cases_per_100k = 0,            // new cases per 100,000 per week (community cases under 4800)
  oxygen_per_100k,                   // cases needing oxygen or ventilation per 100,000 per week
  deaths_per_100k,                   // deaths per 100,000 per week
  adult_one_dose_share,              // share of people >= 18 with >= 1 dose (4800 C2)
  fully_vaccinated_share,            // share of the population fully vaccinated (218 C2)
  high_risk_fully_vaccinated_share,  // share of high-risk people fully vaccinated (218 C2)
  count
};
inline constexpr int kLevelMeasureCount = static_cast<int>(LevelMeasure::count);
const char* to_string(LevelMeasure measure);
std::optional<LevelMeasure> parse_level_measure(std::string_view text);
bool is_share(LevelMeasure measure);  // shown as a percentage

// A value in this band gives `level`: from `from` on (value >= from), or, when
// `strict`, above it (value > from), until the next band begins.
struct LevelBand {
  double from = 0;
  bool strict = false;
  int level = 1;
};

struct MeasureBands {
  LevelMeasure measure = LevelMeasure::new_cases_per_100k;
  std::vector<LevelBand> bands;  // ascending; the first starts at 0
  std::string name_vi;           // "ca mắc mới/100.000 dân/tuần"
  std::string name_en;           // "new cases per 100,000 per week"
};

struct CoverageCondition {
  LevelMeasure measure = LevelMeasure::fully_vaccinated_share;
  double at_least = 0.75;  // a share, 0..1
  std::string name_vi;
  std::string name_en;
};

enum class LevelCriterion : uint8_t { c2 = 2, c3 = 3 };
enum class LevelEffect : uint8_t {
  raise,     // level + by
  lower,     // level - by
  no_lower,  // the final level is not below C1's
};

// When `criterion` is met (when_met) or not, apply `effect`.
struct LevelAdjustment {
  LevelCriterion criterion = LevelCriterion::c2;
  bool when_met = false;
  LevelEffect effect = LevelEffect::raise;
  int by = 1;
};

// The top level only when `measure` is above `above`; otherwise one below.
struct TopLevelRequirement {
  LevelMeasure measure = LevelMeasure::new_cases_per_100k;
  double above = 0;
};

struct LevelName {
  std::string colour;  // "green", "yellow", "orange", "red"
  std::string name_vi;
  std::string name_en;
};
inline constexpr int kLevelCount = 4;

struct EpidemicLevelVersion {
  std::string id;  // "218-2022"
  Date effective_from;
  std::string source;
  std::array<LevelName, kLevelCount> levels;  // level 1..4 at index 0..3
  std::vector<MeasureBands> c1;
  std::vector<CoverageCondition> c2;
  std::string c3_vi;  // what C3 asks, for the reasons
  std::string c3_en;
  std::vector<LevelAdjustment> adjustments;  // applied in order
  std::optional<TopLevelRequirement> top_level;
};

class EpidemicLevelRules {
 public:
  EpidemicLevelRules() = default;
  explicit EpidemicLevelRules(std::vector<EpidemicLevelVersion> versions)
      : versions_(std::move(versions)) {}
  const std::vector<EpidemicLevelVersion>& versions() const { return versions_; }
  const EpidemicLevelVersion& in_force(Date date) const {
    return version_in_force(versions_, date);
  }
  bool covers(Date date) const { return versions_cover(versions_, date); }

 private:
  std::vector<EpidemicLevelVersion> versions_;
};

}  // namespace phongdich
