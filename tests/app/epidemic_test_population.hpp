// A made-up population for the epidemic generator's tests: persons of all ages
// in households of four over a few communes, a fifth of the older ones at high
// risk, most adults vaccinated in the second half of 2021.
#pragma once

#include <vector>

#include "synth/epidemic_curve.hpp"
#include "synth/epidemic_options.hpp"
#include "synth/random.hpp"

namespace phongdich::testing {

inline std::vector<synth::EpidemicPerson> epidemic_test_persons(size_t count, size_t communes) {
  std::vector<synth::EpidemicPerson> persons;
  synth::Rng rng(99, 1, 1);
  const Date base = *Date::from_ymd(2022, 1, 1);
  for (size_t i = 0; i < count; ++i) {
    synth::EpidemicPerson p;
    p.id = static_cast<PersonId>(i + 1);
    p.commune = static_cast<AreaId>(1000 + (i / 4) % communes);
    p.household = static_cast<HouseholdId>(i / 4 + 1);
    const int age = rng.between(0, 92);
    p.birth_date = base.plus_days(-age * 365 - rng.between(0, 364));
    p.high_risk = age >= 50 && rng.chance(0.2);
    if (age >= 18 && rng.chance(0.85)) {
      p.primary_complete_on = Date::from_ymd(2021, 8, 1)->plus_days(rng.between(0, 120));
      if (rng.chance(0.6)) p.booster_on = p.primary_complete_on->plus_days(rng.between(120, 240));
    }
    persons.push_back(p);
  }
  return persons;
}

inline synth::EpidemicArea epidemic_test_area(size_t communes) {
  synth::EpidemicArea area;
  area.id = 999;
  area.code = "999";
  area.name = "Quận Thử";
  for (size_t c = 0; c < communes; ++c) {
    area.communes.push_back({static_cast<AreaId>(1000 + c), std::to_string(27000 + c),
                             "Phường " + std::to_string(c + 1)});
  }
  return area;
}

}  // namespace phongdich::testing
