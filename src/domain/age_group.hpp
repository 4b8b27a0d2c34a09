// The age groups the plans report coverage by (domain/targets.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/date.hpp"

namespace phongdich {

enum class AgeGroup : uint8_t {
  under5 = 0,
  age5_11 = 1,
  age12_17 = 2,
  age18_49 = 3,
  age50_plus = 4
};
inline constexpr int kAgeGroupCount = 5;

const char* to_string(AgeGroup group);
std::optional<AgeGroup> parse_age_group(std::string_view text);

// Birth-date thresholds for one "as of" date, so classifying millions of people
// is a few integer comparisons instead of a calendar computation each.
class AgeGroupCutoffs {
 public:
  explicit AgeGroupCutoffs(Date as_of);
  AgeGroup classify(Date birth) const { return classify_days(birth.days()); }
  AgeGroup classify_days(int32_t birth_days) const {
    // Born on or before the cutoff for age N => at least N years old on as_of.
    if (birth_days <= born_by_[3]) return AgeGroup::age50_plus;
    if (birth_days <= born_by_[2]) return AgeGroup::age18_49;
    if (birth_days <= born_by_[1]) return AgeGroup::age12_17;
    if (birth_days <= born_by_[0]) return AgeGroup::age5_11;
    return AgeGroup::under5;
  }
  // Latest birth date at which a person is at least `years` old on as_of.
  static Date latest_birth_for_age(Date as_of, int years);

 private:
  std::array<int32_t, 4> born_by_;  // ages 5, 12, 18, 50
};

}  // namespace phongdich
