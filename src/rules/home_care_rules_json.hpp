// Loads the home-care rules (data/rules/home_care.json): danger signs and the
// end of home isolation, versioned by decision.
#pragma once

#include <string>
#include <string_view>

#include "domain/home_care_rules.hpp"

namespace phongdich {

// Throws std::invalid_argument naming the offending key, e.g.
// "home care rules: versions[1] (261-2022).danger_signs.spo2_at_most: must be from 50 to 100".
HomeCareRules parse_home_care_rules(std::string_view json_text);
HomeCareRules load_home_care_rules(const std::string& path);

}  // namespace phongdich
