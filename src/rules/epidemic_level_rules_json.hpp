// Loads the epidemic-level rules (data/rules/epidemic_levels.json).
#pragma once

#include <string>
#include <string_view>

#include "domain/epidemic_level_rules.hpp"

namespace phongdich {

// Throws std::invalid_argument naming the offending key, e.g.
// "epidemic level rules: versions[1] (218-2022).c1.new_cases_per_100k.bands[2].level: must be from
// 1 to 4".
EpidemicLevelRules parse_epidemic_level_rules(std::string_view json_text);
EpidemicLevelRules load_epidemic_level_rules(const std::string& path);

}  // namespace phongdich
