// One person's COVID-19 vaccination history, drawn to follow the 2021-2022
// rollout and the Ministry's schedule rules (domain/vaccination.md): primary
// series by campaign (adults, 12-17, 5-11), allowed mixing, additional doses,
// first and second boosters, with realistic uptake and dropouts.
//
// Every dose it draws keeps the rules (minimum intervals, ages, products);
// invalid doses are made on purpose elsewhere (invalid_records.hpp).
#pragma once

#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "synth/random.hpp"

namespace phongdich::synth {

struct PlannedDose {
  Date date;
  std::string_view product;  // catalogue code
};

struct Vaccinee {
  Date birth_date;
  bool immunodeficient = false;
  bool high_exposure = false;
};

// Minimum days between primary doses of `product` (the floor the model keeps).
int minimum_primary_interval(std::string_view product);

// Replaces `doses` with the person's doses on or before `as_of`, sorted by date.
void plan_doses(Rng& rng, const Vaccinee& person, Date as_of, std::vector<PlannedDose>& doses);

}  // namespace phongdich::synth
