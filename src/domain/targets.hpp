// Coverage targets (domain/targets.md) as rule data: thresholds may differ per
// area and change over time, so none is a constant in code.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/vaccination.hpp"

namespace phongdich {

// Who a target counts.
enum class TargetPopulation {
  age50_plus_and_high_risk,  // T1: aged >= 50, and high-risk people aged >= 18
  age18_49,                  // T2
  age12_17,                  // T3
  age5_11,                   // T4
  age18_plus,                // T5
  everyone,                  // T6: registered persons against the official population
};
const char* to_string(TargetPopulation population);
std::optional<TargetPopulation> parse_target_population(std::string_view text);

struct Target {
  std::string id;  // "T1"
  TargetPopulation population = TargetPopulation::everyone;
  // Counted when the person's status is at least this (T6 ignores it: registration is enough).
  VaccinationStatus at_least = VaccinationStatus::primary_complete;
  double threshold = 0.0;        // share of the population, 0..1
  std::optional<Date> deadline;  // e.g. T4: before 2022-09-01
  std::string description_vi;
  std::string description_en;
  std::string source;
};

// One set of targets in force from a date, for the whole country or one area
// subtree (an area's own set wins over its ancestors').
struct TargetVersion {
  std::string id;
  Date effective_from;
  std::optional<std::string> area_tree;  // with area_code: applies to that area's subtree
  std::optional<std::string> area_code;
  std::vector<Target> targets;
};

class TargetRules {
 public:
  TargetRules() = default;
  explicit TargetRules(std::vector<TargetVersion> versions);
  // The targets for an area on a date. `area_path` = (tree, code) pairs from the
  // area up to the nation; the nearest area with its own version in force wins.
  const TargetVersion* in_force(
      Date date, const std::vector<std::pair<std::string, std::string>>& area_path) const;
  const std::vector<TargetVersion>& versions() const { return versions_; }

 private:
  std::vector<TargetVersion> versions_;
};

}  // namespace phongdich
