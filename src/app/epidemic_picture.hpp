// The epidemic as the dashboards read it, kept in memory and current with
// every committed case, step and test: weekly indicators per commune (both
// area trees), and daily case counts per commune for the epidemic curve and Rt.
// Built from one scan of the store on first use, like the registry index, and
// dropped with it when a write fails after being counted.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/area.hpp"
#include "domain/covid_case.hpp"
#include "domain/test_result.hpp"
#include "domain/weekly_indicators.hpp"
#include "store/store.hpp"

namespace phongdich {

// Cases per day in an area: local and imported (Rt counts them apart).
struct DailyCases {
  Date from;  // the day of index 0
  std::vector<int64_t> local;
  std::vector<int64_t> imported;
};

class EpidemicPicture {
 public:
  explicit EpidemicPicture(const AreaForest& forest);

  bool loaded() const { return loaded_; }
  void load(Store& store);  // from the store, once
  void drop();              // the next load() reads the store again

  // Keep the picture in step with a committed write (no-ops until loaded).
  void add_case(const CovidCase& covid_case);
  void add_step(const CovidCase& before, const CaseStep& step);
  void add_test(const TestResult& test);

  // The weekly indicators counted in `tree`'s communes ("vn2022", "vn2025").
  const WeeklyIndicators& indicators(const std::string& tree) const;
  // Cases of `area` per day in [from, to], by onset when known, else by
  // confirmation (what Rt reads: the day symptoms began).
  DailyCases daily_cases(const Area& area, Date from, Date to) const;

 private:
  struct Day {
    int32_t local = 0;
    int32_t imported = 0;
  };
  void count_day(const CovidCase& covid_case);

  const AreaForest& forest_;
  bool loaded_ = false;
  std::map<std::string, std::unique_ptr<WeeklyIndicators>> indicators_;  // by tree
  std::unordered_map<AreaId, std::map<int32_t, Day>> days_;  // commune -> day number -> cases
};

}  // namespace phongdich
