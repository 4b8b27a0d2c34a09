#include "domain/vaccination.hpp"

#include <array>
#include <string_view>

namespace phongdich {
namespace {
constexpr std::array<const char*, 4> kKindNames = {"primary", "additional", "booster1", "booster2"};
constexpr std::array<const char*, kVaccinationStatusCount> kStatusNames = {
    "none", "partial", "primary_complete", "additional", "booster1", "booster2"};
}  // namespace

const char* to_string(DoseKind kind) { return kKindNames[static_cast<size_t>(kind)]; }
const char* to_string(VaccinationStatus status) {
  return kStatusNames[static_cast<size_t>(status)];
}

std::optional<DoseKind> parse_dose_kind(std::string_view text) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (text == kKindNames[i]) return static_cast<DoseKind>(i);
  }
  return std::nullopt;
}

std::optional<VaccinationStatus> parse_vaccination_status(std::string_view text) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (text == kStatusNames[i]) return static_cast<VaccinationStatus>(i);
  }
  return std::nullopt;
}

}  // namespace phongdich
