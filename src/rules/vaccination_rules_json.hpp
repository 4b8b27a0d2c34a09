// Loads the vaccination rules (data/rules/vaccination.json) into the model.
//
// The file holds the product catalogue and the rule versions in date order.
// Each version's "changes" are a JSON merge patch (RFC 7386) over the version
// before it, so an official writes only what a new document changed.
#pragma once

#include <string>
#include <string_view>

#include "domain/vaccination_rules.hpp"

namespace phongdich {

// Throws std::invalid_argument naming the offending key, e.g.
// "vaccination rules: versions[3] (10722-2021).booster1.after_primary: unknown key \"mounths\"".
VaccinationRules parse_vaccination_rules(std::string_view json_text);
// Reads and parses a file; throws std::invalid_argument also when it cannot be read.
VaccinationRules load_vaccination_rules(const std::string& path);

}  // namespace phongdich
