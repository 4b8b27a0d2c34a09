// A registered person and the facts about them that the rules read.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/date.hpp"

namespace phongdich {

using PersonId = int64_t;
using HouseholdId = int64_t;
using AreaId = int32_t;

enum class Sex : uint8_t { male = 0, female = 1 };

// The 20 comorbidities of annex 1 of 4038/QĐ-BYT, numbered as there (1..20);
// bit i-1 holds item i. See domain/risk-groups.md.
inline constexpr int kComorbidityCount = 20;
using Comorbidities = std::bitset<kComorbidityCount>;
inline constexpr int kComorbidityImmunodeficiency = 15;

struct Person {
  PersonId id = 0;                        // 0 until stored
  std::optional<std::string> citizen_id;  // 12-digit CCCD; absent for many children
  std::string full_name;                  // UTF-8, diacritics kept
  Sex sex = Sex::male;
  Date birth_date;
  AreaId area_id = 0;  // commune of residence, in the tree in force when recorded
  std::optional<HouseholdId> household_id;
  std::optional<std::string> phone;
  Comorbidities comorbidities;
  bool pregnant = false;
  bool immunodeficient = false;   // moderate or severe; opens the additional dose
  bool high_exposure = false;     // health, police, army, teachers, transport (3309/BYT-DP)
  bool other_risk = false;        // disability, no support, orphan ... (plans' door-to-door lists)
  bool needs_home_visit = false;  // cannot travel: vaccinated at home

  bool has_comorbidity(int item) const { return comorbidities.test(static_cast<size_t>(item - 1)); }
  // "High-risk" for targets T1 and priority lists: comorbidity, immunodeficiency,
  // pregnancy or another listed vulnerability (domain/risk-groups.md).
  bool high_risk() const {
    return comorbidities.any() || immunodeficient || pregnant || other_risk;
  }
};

// A person with the key the source system gave them (person_ref of an import),
// which makes re-imports recognise the rows they already brought.
struct StoredPerson {
  Person person;
  std::string external_ref;  // unique when not empty
};

struct Household {
  HouseholdId id = 0;
  std::string code;  // the commune's own household number
  AreaId area_id = 0;
  std::string address;
};

}  // namespace phongdich
