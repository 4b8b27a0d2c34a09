// One person's COVID-19 vaccination history, drawn to follow the 2021-2022
// rollout: primary series by campaign (adults, 12-17, 5-11), mixing,
// additional doses, first and second boosters, with realistic uptake and
// dropouts.
//
// The model decides what a person would do and roughly when; the rules
// decide what is allowed: every dose goes through DosePlacer, which has the
// schedule engine judge it under data/rules/vaccination.json. So every dose
// it returns is one the importer accepts; invalid doses are made on purpose
// elsewhere (invalid_records.hpp).
#pragma once

#include <vector>

#include "domain/date.hpp"
#include "synth/dose_placer.hpp"
#include "synth/random.hpp"

namespace phongdich::synth {

// Replaces `doses` with the person's doses on or before `as_of`, sorted by
// date, each accepted by the schedule engine under `placer`'s rules.
void plan_doses(Rng& rng, DosePlacer& placer, const Vaccinee& person, Date as_of,
                std::vector<PlannedDose>& doses);

}  // namespace phongdich::synth
