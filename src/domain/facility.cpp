#include "domain/facility.hpp"

#include <array>

namespace phongdich {
namespace {

constexpr std::array<const char*, 4> kKindNames{"hospital", "field_hospital", "treatment_facility",
                                                "commune_station"};

}  // namespace

const char* to_string(FacilityKind kind) {
  const auto index = static_cast<size_t>(kind);
  return index < kKindNames.size() ? kKindNames[index] : "?";
}

std::optional<FacilityKind> parse_facility_kind(std::string_view text) {
  for (size_t i = 0; i < kKindNames.size(); ++i)
    if (text == kKindNames[i]) return static_cast<FacilityKind>(i);
  return std::nullopt;
}

}  // namespace phongdich
