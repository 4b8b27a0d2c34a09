#include "domain/targets.hpp"

#include <algorithm>
#include <array>

namespace phongdich {
namespace {
constexpr std::array<const char*, 6> kPopulationNames = {
    "age50_plus_and_high_risk", "age18_49", "age12_17", "age5_11", "age18_plus", "everyone"};
}

const char* to_string(TargetPopulation population) {
  return kPopulationNames[static_cast<size_t>(population)];
}

std::optional<TargetPopulation> parse_target_population(std::string_view text) {
  for (size_t i = 0; i < kPopulationNames.size(); ++i) {
    if (text == kPopulationNames[i]) return static_cast<TargetPopulation>(i);
  }
  return std::nullopt;
}

TargetRules::TargetRules(std::vector<TargetVersion> versions) : versions_(std::move(versions)) {
  std::stable_sort(versions_.begin(), versions_.end(),
                   [](const TargetVersion& a, const TargetVersion& b) {
                     return a.effective_from < b.effective_from;
                   });
}

const TargetVersion* TargetRules::in_force(
    Date date, const std::vector<std::pair<std::string, std::string>>& area_path) const {
  // Nearest area first: the area's own targets, then its parent's, ..., then national.
  for (const auto& [tree, code] : area_path) {
    const TargetVersion* best = nullptr;
    for (const TargetVersion& v : versions_) {
      if (v.effective_from <= date && v.area_tree == tree && v.area_code == code) best = &v;
    }
    if (best != nullptr) return best;
  }
  const TargetVersion* national = nullptr;
  for (const TargetVersion& v : versions_) {
    if (v.effective_from <= date && !v.area_code) national = &v;
  }
  return national;
}

}  // namespace phongdich
