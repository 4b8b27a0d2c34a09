// Loads the surveillance targets T7 and T8 (data/rules/surveillance_targets.json).
#pragma once

#include <string>
#include <string_view>

#include "domain/surveillance_targets.hpp"

namespace phongdich {

// Throws std::invalid_argument naming the offending key.
SurveillanceTargets parse_surveillance_targets(std::string_view json_text);
SurveillanceTargets load_surveillance_targets(const std::string& path);

}  // namespace phongdich
