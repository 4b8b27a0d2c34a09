// Hospitals and treatment facilities with their capacity, and how full they
// were on each day reported.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.hpp"
#include "domain/person.hpp"

namespace phongdich {

using FacilityId = int64_t;

enum class FacilityKind : uint8_t {
  hospital = 0,            // tiers 2–3: treats moderate and severe cases
  field_hospital = 1,      // bệnh viện dã chiến
  treatment_facility = 2,  // cơ sở thu dung, điều trị (tier 1)
  commune_station = 3,     // trạm y tế / trạm y tế lưu động: home care
};
const char* to_string(FacilityKind kind);
std::optional<FacilityKind> parse_facility_kind(std::string_view text);

struct Facility {
  FacilityId id = 0;
  std::string code;  // unique
  std::string name;
  AreaId area_id = 0;  // where it stands
  FacilityKind kind = FacilityKind::hospital;
  int32_t beds = 0;  // COVID-19 beds
  int32_t icu_beds = 0;
  int32_t oxygen_beds = 0;  // beds with piped or concentrator oxygen
  // Commune stations: how many households with a patient in home care the
  // station and its mobile teams can look after at once (target T8).
  int32_t home_care_households = 0;
};

// One day's report of a facility.
struct FacilityOccupancy {
  FacilityId facility_id = 0;
  Date date;
  int32_t occupied_beds = 0;
  int32_t occupied_icu_beds = 0;
  int32_t patients_on_oxygen = 0;
};

}  // namespace phongdich
