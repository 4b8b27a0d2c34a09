// Loads the case definition (data/rules/cases.json) into CaseRules.
#pragma once

#include <string>
#include <string_view>

#include "domain/case_rules.hpp"

namespace phongdich {

// Throws std::invalid_argument naming the offending key, e.g.
// "case rules: versions[1] (1909-2022).criteria[0].test_kind: must be rt_pcr or rapid_antigen".
CaseRules parse_case_rules(std::string_view json_text);
CaseRules load_case_rules(const std::string& path);

}  // namespace phongdich
