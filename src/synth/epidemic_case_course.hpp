// One confirmed case from its first positive test to its end (or to the last
// day simulated): the tests that found it and the one that ended its
// isolation, where it was cared for, its twice-daily home-care checks, and the
// alerts the health station saw.
//
// The records keep the rules they will be judged by: the case is confirmed by
// confirm_case() under the case definition in force (an RT-PCR before
// 1909/BYT-DP; after it, mostly a close contact's rapid test), isolation ends
// as isolation_end() says, every check with a danger sign (danger_signs())
// raises an alert, and every half-day missed_half_days() finds unchecked
// raises one too.
#pragma once

#include <vector>

#include "domain/facility.hpp"
#include "synth/epidemic_facilities.hpp"
#include "synth/epidemic_options.hpp"
#include "synth/epidemic_records.hpp"
#include "synth/random.hpp"

namespace phongdich::synth {

struct CourseSetting {
  const EpidemicOptions& options;
  const std::vector<Facility>& facilities;
  BedLedger& beds;
};

// The case of `person` confirmed on `confirmed_on` (<= options.to), with
// everything dated up to options.to; counted in `totals`. The person's station
// is `facilities[station]`.
SimulatedCase simulate_case(Rng& rng, const EpidemicPerson& person, Date confirmed_on,
                            bool imported, size_t station, const CourseSetting& setting,
                            EpidemicTotals& totals);

// Local time in Asia/Ho_Chi_Minh (UTC+7) as unix milliseconds.
int64_t local_ms(Date day, int hour, int minute);

}  // namespace phongdich::synth
