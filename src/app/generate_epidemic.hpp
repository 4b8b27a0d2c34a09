// The synthetic epidemic of an area, written into the store: the generator of
// src/synth/epidemic_* run over the persons registered in the area, with the
// curve of the real 2021-2022 series (data/synth/covid_daily_cases.csv) of the
// area's province, and its records stored in batched transactions.
//
// Deterministic: the same store contents and request give the same records.
// Runs once per store: it refuses a store that holds cases already (a second
// run would add a second epidemic on top of the first). An interrupted run
// leaves whole batches; start again from a store without cases.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "app/registry.hpp"
#include "domain/violation.hpp"
#include "synth/epidemic_curve.hpp"
#include "synth/epidemic_records.hpp"

namespace phongdich {

struct EpidemicRequest {
  Date from = *Date::from_ymd(2021, 6, 1);
  Date to = *Date::from_ymd(2022, 3, 31);
  uint64_t seed = 1;
  double scale = 1.0;  // times the reported incidence per person
  Date today;          // nothing may be dated after it; `to` must not be
  size_t batch_cases = 2'000;
  // After each batch: days simulated so far, of all days.
  std::function<void(int64_t days_done, int64_t days)> progress;
};

struct EpidemicSummary {
  synth::EpidemicTotals totals;
  int64_t persons = 0;  // registered in the area, who could be infected
  std::string series;   // the reported series followed: "province 79" or "national"
  double expected_cases = 0;
  int64_t facilities = 0;
  int64_t occupancy_reports = 0;
  int64_t alerts() const { return totals.danger_sign_alerts + totals.missed_check_alerts; }
};

// Nothing was written: the store holds cases already, the dates or the area
// are unusable. The violations say why (both languages).
class EpidemicRefused : public std::runtime_error {
 public:
  explicit EpidemicRefused(Violations violations);
  const Violations& violations() const { return violations_; }

 private:
  Violations violations_;
};

// The province code of `area` in the 2022 tree ("79" for Quận 11), or "" for
// the nation and the areas of the 2025 tree (whose provinces the series predates).
std::string series_province_of(const AreaForest& areas, const Area& area);

// The reported series of a province ("" or a code without a column: the
// nation's) from <data_dir>/synth/covid_daily_cases.csv, with the 2019 census
// populations of <data_dir>/areas/province_population_2019.csv, for an area of
// `area_population` people.
synth::CurveInputs read_curve_inputs(const std::string& data_dir, const std::string& province,
                                     double area_population, double scale);

EpidemicSummary generate_epidemic(Registry& registry, const Area& area,
                                  const EpidemicRequest& request);

}  // namespace phongdich
