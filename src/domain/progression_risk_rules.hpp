// The risk-of-progression groups of 5525/QĐ-BYT (1/12/2021) as a model: low
// (green), medium (yellow), high (orange), very high (red), from age,
// comorbidities, pregnancy, vaccination and symptoms.
//
// The decision's exact scoring is unconfirmed (shared/domain/cases-and-home-care.md):
// the points below are phongdich's plausible, documented reading, kept as rule
// data (data/rules/progression_risk.json) so a clinician can replace them.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/rule_versions.hpp"
#include "domain/vaccination.hpp"

namespace phongdich {

enum class ProgressionRisk : uint8_t { low = 0, medium = 1, high = 2, very_high = 3 };
inline constexpr int kProgressionRiskCount = 4;
const char* to_string(ProgressionRisk risk);  // "low", "medium", "high", "very_high"

struct AgePoints {
  int min_age_years = 0;  // from this age (completed years) on, until the next band
  int points = 0;
};

struct RiskGroupBand {
  ProgressionRisk group = ProgressionRisk::low;
  int min_points = 0;  // from this many points on, until the next band
  std::string colour;  // "green", "yellow", "orange", "red"
  std::string name_vi;
  std::string name_en;
};

struct ProgressionRiskVersion {
  std::string id;
  Date effective_from;
  std::string source;
  std::vector<AgePoints> age;  // ascending min_age_years, the first from 0
  // Points per comorbidity item (1..20 of annex 1 of 4038/QĐ-BYT), index item-1;
  // the sum is capped at comorbidity_max_points.
  std::array<int, kComorbidityCount> comorbidity_points{};
  int comorbidity_max_points = 3;
  int pregnancy_points = 1;
  std::array<int, kVaccinationStatusCount> vaccination_points{};  // by VaccinationStatus
  int symptomatic_points = 1;            // any symptom that is not a danger sign
  bool danger_sign_is_very_high = true;  // a danger sign puts the patient in the top group
  std::vector<RiskGroupBand> groups;     // ascending min_points, the first from 0
};

class ProgressionRiskRules {
 public:
  ProgressionRiskRules() = default;
  explicit ProgressionRiskRules(std::vector<ProgressionRiskVersion> versions)
      : versions_(std::move(versions)) {}
  const std::vector<ProgressionRiskVersion>& versions() const { return versions_; }
  const ProgressionRiskVersion& in_force(Date date) const {
    return version_in_force(versions_, date);
  }
  bool covers(Date date) const { return versions_cover(versions_, date); }

 private:
  std::vector<ProgressionRiskVersion> versions_;
};

}  // namespace phongdich
