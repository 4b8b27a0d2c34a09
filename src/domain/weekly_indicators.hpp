// Weekly surveillance indicators of every area, kept up to date as cases,
// steps and tests are recorded: new cases, hospitalisations, cases needing
// oxygen, deaths, tests and positive tests, each also per 100,000 people.
//
// Counters are kept per (week, commune slot) and updated incrementally
// (add_case, add_step, add_test), so a dashboard number never waits for a
// nightly job. Commune slots are numbered in depth-first order of the area
// tree, which makes every district's or province's communes one contiguous
// range of slots: an area's week is the sum of a range, the nation's week of
// all communes is one vector.
//
// What is counted, in the week of its date, in the commune of the case (the
// commune it was confirmed in) or of the test (where the sample was taken):
//   new_cases      cases, by confirmation date
//   hospitalised   admissions: a step into hospital or ICU from home care (or
//                  a first step there); a move between hospital and ICU is not
//                  a new admission
//   oxygen         cases starting oxygen or ventilation (a step with oxygen
//                  after one without)
//   deaths         steps to "died"
//   tests          RT-PCR and rapid antigen tests by sample date (sequencing
//                  follows a positive test and is not counted again)
//   positive_tests of those, the positive ones
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/area.hpp"
#include "domain/covid_case.hpp"
#include "domain/test_result.hpp"
#include "domain/week_index.hpp"

namespace phongdich {

struct WeekCounts {
  int32_t new_cases = 0;
  int32_t hospitalised = 0;
  int32_t oxygen = 0;
  int32_t deaths = 0;
  int32_t tests = 0;
  int32_t positive_tests = 0;

  WeekCounts& operator+=(const WeekCounts& o) {
    new_cases += o.new_cases;
    hospitalised += o.hospitalised;
    oxygen += o.oxygen;
    deaths += o.deaths;
    tests += o.tests;
    positive_tests += o.positive_tests;
    return *this;
  }
  friend bool operator==(const WeekCounts&, const WeekCounts&) = default;
};

// Counts per 100,000 people; all zero when the population is unknown (0).
struct WeekRates {
  double new_cases_per_100k = 0;
  double hospitalised_per_100k = 0;
  double oxygen_per_100k = 0;
  double deaths_per_100k = 0;
  double tests_per_100k = 0;
  double positive_tests_per_100k = 0;
  std::optional<double> positivity;  // positive / tests; none without tests
};
WeekRates rates_of(const WeekCounts& counts, int64_t population);

struct AreaWeek {
  AreaId area = 0;
  WeekIndex week = 0;
  int64_t population = 0;  // the denominator passed in
  WeekCounts counts;
  WeekRates rates;
  // T7: deaths per 100,000 in the week >= the threshold (shared/domain/targets.md).
  bool deaths_alert = false;
};

class WeeklyIndicators {
 public:
  // Counts the communes of `tree` ("vn2022" or "vn2025") of `forest`, which
  // must outlive this object. Records made in a commune of another tree count
  // in the commune that holds it now (AreaForest::commune_in_tree).
  WeeklyIndicators(const AreaForest& forest, std::string_view tree);

  size_t commune_count() const { return communes_.size(); }
  AreaId commune_at(size_t slot) const { return communes_[slot]; }
  // The slot of a commune (of any tree), or none for an unknown area or one
  // that is not a commune.
  std::optional<uint32_t> slot_of(AreaId commune) const;
  // The slots [first, end) of the communes in `area`'s subtree (of this tree);
  // none for an area outside the tree.
  std::optional<std::pair<uint32_t, uint32_t>> slot_range(AreaId area) const;

  // Each returns false (and counts nothing) when the record's commune is not
  // known: the caller reports it rather than losing it silently.
  // A whole case with every step it has so far.
  bool add_case(const CovidCase& covid_case);
  // A step appended to a case already added; `before` is the case without it.
  bool add_step(const CovidCase& before, const CaseStep& step);
  bool add_test(const TestResult& test);

  // The counts of every commune for `week`, indexed by slot (zeros when none).
  std::span<const WeekCounts> commune_counts(WeekIndex week) const;
  // The counts of any area of this tree (commune up to nation).
  WeekCounts counts(AreaId area, WeekIndex week) const;
  // Sums a per-slot denominator over the area's communes.
  int64_t population_of(AreaId area, std::span<const int64_t> population_by_slot) const;

  // One area's week, with rates over `population` and the T7 flag.
  AreaWeek area_week(AreaId area, WeekIndex week, int64_t population,
                     double deaths_per_100k_alert) const;
  // Every commune's week, by slot.
  std::vector<AreaWeek> commune_weeks(WeekIndex week, std::span<const int64_t> population_by_slot,
                                      double deaths_per_100k_alert) const;

 private:
  WeekCounts* cell(uint32_t slot, Date date);
  void count_step(uint32_t slot, const CaseStep* previous, const CaseStep& step);

  const AreaForest& forest_;
  std::string tree_;
  std::vector<AreaId> communes_;                                     // by slot
  std::unordered_map<AreaId, uint32_t> slot_;                        // commune of this tree -> slot
  std::unordered_map<AreaId, std::pair<uint32_t, uint32_t>> range_;  // area -> slots
  std::map<WeekIndex, std::vector<WeekCounts>> weeks_;               // week -> counts by slot
  std::vector<WeekCounts> zeros_;
};

}  // namespace phongdich
