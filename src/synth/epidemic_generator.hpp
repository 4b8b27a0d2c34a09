// The synthetic epidemic of an area: each day, as many new cases as the curve
// expects (a Poisson draw around it), placed where outbreaks are, each with
// its whole course (epidemic_case_course.hpp) and the negative tests of its
// contacts; handed over in batches of whole days so that the caller can store
// each batch in one transaction and memory stays bounded.
//
// Where cases arise (ASSUMED): each commune's share follows its population
// times an outbreak intensity that drifts week by week (a mean-reverting
// random walk of its logarithm), so outbreaks cluster in a few wards at a
// time; 30 % of local cases are household members of a case confirmed 2–6
// days before; a small share are imported (0.5 % in 2021, 2 % from
// 15/03/2022 when the borders reopened). A person is infected at most once.
//
// Deterministic: the same options give the same records, batch by batch.
#pragma once

#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "synth/epidemic_facilities.hpp"
#include "synth/epidemic_options.hpp"
#include "synth/epidemic_records.hpp"
#include "synth/random.hpp"

namespace phongdich::synth {

class EpidemicOptionsError : public std::invalid_argument {
 public:
  explicit EpidemicOptionsError(Violations violations);
  const Violations& violations() const { return violations_; }

 private:
  Violations violations_;
};

class EpidemicGenerator {
 public:
  // Throws EpidemicOptionsError when the options are unusable.
  explicit EpidemicGenerator(const EpidemicOptions& options);
  ~EpidemicGenerator();
  EpidemicGenerator(const EpidemicGenerator&) = delete;
  EpidemicGenerator& operator=(const EpidemicGenerator&) = delete;

  // The area's facilities, referred to by the cases' steps (by code) and by
  // the occupancy reports (by position + 1).
  const std::vector<Facility>& facilities() const { return facilities_; }

  // Fills `batch` with the cases of the next days (at least one day, and whole
  // days up to options.batch_cases cases); false when every day is done.
  bool next(EpidemicBatch& batch);

  // After the last batch: each day's occupancy of the hospitals.
  std::vector<FacilityOccupancy> occupancy() const { return beds_.reports(); }
  const EpidemicTotals& totals() const { return totals_; }
  // The days done so far, of (to - from + 1).
  int64_t days_done() const { return day_ - options_.from; }
  int64_t day_count() const { return options_.to - options_.from + 1; }

 private:
  void simulate_day(Date day, EpidemicBatch& batch);
  void update_intensities(Date day);
  // The position of a person to infect, or -1 when none is left.
  int64_t pick_household_member(Rng& rng, Date day);
  int64_t pick_in_commune(Rng& rng, size_t commune, Date day);
  size_t pick_commune(Rng& rng) const;
  void add_contact_tests(Rng& rng, size_t person, const SimulatedCase& sc, EpidemicBatch& batch);
  bool can_infect(size_t person, Date day) const;

  const EpidemicOptions& options_;
  std::vector<Facility> facilities_;
  BedLedger beds_;
  EpidemicTotals totals_;
  Date day_;  // the next day to simulate

  std::vector<size_t> commune_of_;            // per person: commune position
  std::vector<std::vector<size_t>> members_;  // per commune: person positions
  std::unordered_map<HouseholdId, std::vector<size_t>> households_;
  std::vector<double> log_intensity_;       // per commune
  std::vector<double> commune_cumulative_;  // members times intensity, summed
  std::vector<uint8_t> infected_;           // per person
  std::vector<int32_t> free_from_;          // per person: the first day they may be confirmed
  std::vector<std::vector<size_t>> confirmed_by_day_;  // recent days' cases (persons), ring
};

}  // namespace phongdich::synth
