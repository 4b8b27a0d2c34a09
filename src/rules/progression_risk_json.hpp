// Loads the risk-of-progression scoring (data/rules/progression_risk.json).
#pragma once

#include <string>
#include <string_view>

#include "domain/progression_risk_rules.hpp"

namespace phongdich {

// Throws std::invalid_argument naming the offending key, e.g.
// "progression risk rules: versions[0] (5525-2021).vaccination_points: missing key \"booster2\"".
ProgressionRiskRules parse_progression_risk_rules(std::string_view json_text);
ProgressionRiskRules load_progression_risk_rules(const std::string& path);

}  // namespace phongdich
