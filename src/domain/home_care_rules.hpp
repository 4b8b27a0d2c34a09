// The home-care rules of the Ministry of Health as a model: the danger signs
// that send a patient to a health facility at once, and when home isolation
// ends. Versions follow the decisions: 4038/QĐ-BYT (21/8/2021), 261/QĐ-BYT
// (31/1/2022), 604/QĐ-BYT (14/3/2022). The values come from
// data/rules/home_care.json (src/rules/); nothing here is a constant.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/observation.hpp"
#include "domain/rule_versions.hpp"
#include "domain/test_result.hpp"

namespace phongdich {

// A respiratory rate at or above `at_least` is a danger sign for ages in
// [min_age_years, below_age_years) (completed years).
struct RespiratoryRateBand {
  int min_age_years = 0;
  std::optional<int> below_age_years;  // none: no upper limit
  int at_least = 20;
  std::string group_vi;  // "người lớn", "trẻ 1 đến dưới 5 tuổi"
  std::string group_en;
  bool admits(int age) const {
    return age >= min_age_years && (!below_age_years || age < *below_age_years);
  }
};

// A symptom that is a danger sign whatever the measurements.
struct SymptomSign {
  Symptom symptom = Symptom::shortness_of_breath;
  bool children_only = false;  // not drinking or feeding, signs of MIS-C
  std::string text_vi;
  std::string text_en;
};

struct DangerSignRules {
  std::vector<RespiratoryRateBand> respiratory_rate;  // the first band admitting the age applies
  int spo2_at_most = 96;                              // SpO2 <= this (%)
  int pulse_above = 120;                              // pulse > this, or
  int pulse_below = 50;                               //       < this (/min)
  int systolic_below = 90;                            // mmHg
  int diastolic_below = 60;                           // mmHg
  int children_below_age_years = 16;                  // who "children" are, for children_only signs
  std::vector<SymptomSign> symptoms;
  std::string source;
};

// When home isolation ends. Days count from the day the case was confirmed
// (day 0), so "day 7" is confirmed_on + 7: seven full days have passed.
struct IsolationEndRules {
  int min_days = 7;  // earliest day it may end
  std::vector<TestKind> ending_tests = {
      TestKind::rapid_antigen};        // a negative one of these ends it
  bool ending_test_supervised = true;  // done or supervised by a health worker
  // Still positive on or after min_days: isolation continues to this day,
  // when it ends without another test.
  int still_positive_end_day_vaccinated = 10;
  int still_positive_end_day_not_vaccinated = 14;
  std::string source;
};

struct HomeCareVersion {
  std::string id;  // "261-2022"
  Date effective_from;
  std::string source;
  DangerSignRules danger_signs;
  IsolationEndRules isolation_end;
};

class HomeCareRules {
 public:
  HomeCareRules() = default;
  // Sorted by effective_from, not empty (the JSON loader checks).
  explicit HomeCareRules(std::vector<HomeCareVersion> versions) : versions_(std::move(versions)) {}

  const std::vector<HomeCareVersion>& versions() const { return versions_; }
  const HomeCareVersion& in_force(Date date) const { return version_in_force(versions_, date); }
  bool covers(Date date) const { return versions_cover(versions_, date); }

 private:
  std::vector<HomeCareVersion> versions_;
};

}  // namespace phongdich
