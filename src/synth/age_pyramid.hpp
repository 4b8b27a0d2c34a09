// Vietnam's age and sex structure (2019 census shape, 5-year bands), used to
// draw each synthetic person's sex and birth date. The table is
// data/synth/age_pyramid_2019.csv; see the README there for its source.
#pragma once

#include <span>

#include "domain/date.hpp"
#include "domain/person.hpp"
#include "synth/random.hpp"

namespace phongdich::synth {

struct AgeBand {
  int age_from;
  int age_to;  // inclusive
  int population_thousands;
  int males_per_100_females;
};

std::span<const AgeBand> age_pyramid_2019();

struct SexAndBirth {
  Sex sex;
  Date birth_date;
};

// The pyramid is applied at `as_of`: the share of people aged 30-34 on that date
// is the census share of 30-34 year olds.
SexAndBirth draw_sex_and_birth(Rng& rng, Date as_of);

}  // namespace phongdich::synth
