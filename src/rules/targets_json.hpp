// Loads the coverage targets (data/rules/targets.json).
#pragma once

#include <string>
#include <string_view>

#include "domain/targets.hpp"

namespace phongdich {

struct DueListRules {
  int overdue_after_days = 30;
};

struct TargetRulesFile {
  TargetRules targets;
  DueListRules due_lists;
};

// Throws std::invalid_argument naming the offending key.
TargetRulesFile parse_target_rules(std::string_view json_text);
TargetRulesFile load_target_rules(const std::string& path);

}  // namespace phongdich
