// A commune's capacity to care for COVID-19 patients at home (target T8 of
// shared/domain/targets.md; criterion C3 of 218/QĐ-BYT for communes): the
// households with a patient it can care for, per 10,000 households, against
// the target (500, from data/rules/surveillance_targets.json).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace phongdich {

struct CareCapacity {
  std::optional<double> capacity_per_10k;  // none without a household count
  std::optional<double> load_per_10k;      // households with a patient now, per 10,000
  double target_per_10k = 500;
  bool met = false;         // capacity_per_10k >= target
  bool overloaded = false;  // more households with a patient now than it can care for
  std::string text_vi;
  std::string text_en;
};

// `capacity_households`: how many households with a patient the commune's
// station and teams can care for at once (declared by the station);
// `households`: households of the commune; `households_with_patient`: now.
CareCapacity commune_care_capacity(int64_t capacity_households, int64_t households,
                                   int64_t households_with_patient, double target_per_10k);

}  // namespace phongdich
