// Vaccination records and the status they add up to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/person.hpp"

namespace phongdich {

using DoseId = int64_t;

// What a dose counted as, decided by the schedule engine when it is recorded.
enum class DoseKind : uint8_t { primary = 0, additional = 1, booster1 = 2, booster2 = 3 };

// Ordered: a person's status only rises as doses are added.
//   additional = primary series + additional dose;
//   booster1   = primary series (+ additional, if any) + first booster.
// Targets T1, T2 and T5 count "2 primary + 1 booster or 1 additional" = status >= additional.
enum class VaccinationStatus : uint8_t {
  none = 0,
  partial = 1,
  primary_complete = 2,
  additional = 3,
  booster1 = 4,
  booster2 = 5,
};
inline constexpr int kVaccinationStatusCount = 6;

const char* to_string(DoseKind kind);
const char* to_string(VaccinationStatus status);
std::optional<DoseKind> parse_dose_kind(std::string_view text);
std::optional<VaccinationStatus> parse_vaccination_status(std::string_view text);

struct DoseRecord {
  DoseId id = 0;  // 0 until stored
  PersonId person_id = 0;
  Date date;
  std::string product;  // catalogue code, e.g. "AZ", "PFIZER"
  AreaId site_area_id = 0;  // commune where it was given
  std::string lot;
  DoseKind kind = DoseKind::primary;
  int number_in_series = 1;  // primary dose 1..n; 1 for additional/boosters
  // An authorised user may accept a dose that breaks a rule, with a written reason.
  bool overridden = false;
  std::string override_reason;
  std::string override_by;
  std::string override_rule;  // code of the rule that was overridden
  std::string source;         // "manual", "import:<file>:<line>", "synth"
};

}  // namespace phongdich
