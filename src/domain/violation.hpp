// A rejected input, explained: what a user or a script needs to fix it.
#pragma once

#include <string>
#include <vector>

namespace phongdich {

struct Violation {
  std::string code;        // machine-readable, stable: "dose.interval_too_short"
  std::string field;       // input field at fault: "dose_date"
  std::string rule;        // rule and its source: "AZ primary interval >= 28 days (3588/QĐ-BYT)"
  std::string message_vi;  // for the health-station user
  std::string message_en;
};

using Violations = std::vector<Violation>;

}  // namespace phongdich
