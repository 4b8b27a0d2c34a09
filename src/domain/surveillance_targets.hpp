// The surveillance targets of the plans (shared/domain/targets.md) that are
// thresholds on weekly indicators rather than coverage:
//   T7  deaths < 1 per 100,000 population per week, per commune and district;
//   T8  each commune can care for 500 households with a COVID-19 patient per
//       10,000 households.
// Values come from data/rules/surveillance_targets.json; provinces may differ,
// so they are rule data with effective dates, not constants.
#pragma once

#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/rule_versions.hpp"

namespace phongdich {

struct SurveillanceTargetsVersion {
  std::string id;
  Date effective_from;
  std::string source;
  // T7: an alert when deaths per 100,000 in a week reach this.
  double deaths_per_100k_alert = 1.0;
  std::string deaths_source;
  // T8: households with a patient a commune must be able to care for, per 10,000 households.
  double care_households_per_10k = 500;
  std::string care_source;
};

class SurveillanceTargets {
 public:
  SurveillanceTargets() = default;
  explicit SurveillanceTargets(std::vector<SurveillanceTargetsVersion> versions)
      : versions_(std::move(versions)) {}
  const std::vector<SurveillanceTargetsVersion>& versions() const { return versions_; }
  const SurveillanceTargetsVersion& in_force(Date date) const {
    return version_in_force(versions_, date);
  }

 private:
  std::vector<SurveillanceTargetsVersion> versions_;
};

}  // namespace phongdich
