#include "domain/age_group.hpp"

namespace phongdich {
namespace {
constexpr std::array<const char*, kAgeGroupCount> kNames = {"0-4", "5-11", "12-17", "18-49", "50+"};
}

const char* to_string(AgeGroup group) { return kNames[static_cast<size_t>(group)]; }

std::optional<AgeGroup> parse_age_group(std::string_view text) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (text == kNames[i]) return static_cast<AgeGroup>(i);
  }
  return std::nullopt;
}

Date AgeGroupCutoffs::latest_birth_for_age(Date as_of, int years) {
  // Someone born on as_of minus N calendar years turns N that day. plus_months
  // clamps 29 February to the 28th, matching age_in_years' rule for leap-day births.
  return as_of.plus_months(-12 * years);
}

AgeGroupCutoffs::AgeGroupCutoffs(Date as_of)
    : born_by_{latest_birth_for_age(as_of, 5).days(), latest_birth_for_age(as_of, 12).days(),
               latest_birth_for_age(as_of, 18).days(), latest_birth_for_age(as_of, 50).days()} {}

}  // namespace phongdich
